package checker

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// tree returns an in-memory tree of files (path -> content; "->target" makes a
// symbolic link).
func tree(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, content := range files {
		if target, ok := strings.CutPrefix(content, "->"); ok {
			m[name] = &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
			continue
		}
		m[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return m
}

// profileWith is the minimal profile of a state with prum.dna set to status.
func profileWith(country, name, dna string) string {
	p := strings.Replace(minimal, "country: BE\nname: Belgium", "country: "+country+"\nname: "+name, 1)
	if dna != "" {
		p += "prum:\n  dna:\n    status: " + dna + "\n    observed: 2016-03-01\n    sources: [S1]\n"
	}
	return p
}

// kinds summarises changes as "COUNTRY kind recommendation base>head".
func kinds(changes []Change) []string {
	var out []string
	for _, c := range changes {
		out = append(out, c.Country+" "+string(c.Kind)+" "+c.Recommendation+" "+string(c.Base)+">"+string(c.Head))
	}
	return out
}

func TestDiffTrees(t *testing.T) {
	be := profileWith("BE", "Belgium", "operational")
	fr := profileWith("FR", "France", "operational")
	tests := []struct {
		name       string
		base, head map[string]string
		paths      []string
		want       []string
	}{
		{"no change", map[string]string{"profiles/be.yaml": be}, map[string]string{"profiles/be.yaml": be}, nil, nil},
		{"a gap opens", map[string]string{"profiles/be.yaml": be},
			map[string]string{"profiles/be.yaml": profileWith("BE", "Belgium", "not_operational")}, nil,
			[]string{"BE gap_opened prum-dna met>gap"}},
		{"evidence removed", map[string]string{"profiles/be.yaml": be},
			map[string]string{"profiles/be.yaml": profileWith("BE", "Belgium", "")}, nil,
			[]string{"BE status_changed prum-dna met>unknown"}},
		{"added, removed, renamed", map[string]string{"profiles/be.yaml": be, "profiles/fr.yaml": fr},
			map[string]string{"profiles/belgique.yaml": be, "profiles/lu.yaml": profileWith("LU", "Luxembourg", "")}, nil,
			[]string{"BE profile_renamed  >", "FR profile_removed  >", "LU profile_added  >"}},
		{"a directory emptied", map[string]string{"profiles/be.yaml": be}, map[string]string{"profiles/README": "gone\n"}, nil,
			[]string{"BE profile_removed  >"}},
		{"a path only at the base", map[string]string{"old/be.yaml": be}, map[string]string{"profiles/be.yaml": be},
			[]string{"old", "profiles"}, []string{"BE profile_renamed  >"}},
		{"through a link on the head side, as check sees it", map[string]string{"profiles/be.yaml": be},
			map[string]string{"data/be.yaml": profileWith("BE", "Belgium", "not_operational"), "profiles/be.yaml": "->../data/be.yaml"}, nil,
			[]string{"BE gap_opened prum-dna met>gap"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Diff(context.Background(), Tree{Label: "main", FS: tree(tt.base)}, Tree{FS: tree(tt.head)}, DiffOptions{Paths: tt.paths})
			if err != nil {
				t.Fatal(err)
			}
			var got []string // the profiles' changes, and prum-dna's (the fact the cases change)
			for _, c := range res.Changes {
				if c.Recommendation == "" || c.Recommendation == "prum-dna" {
					got = append(got, kinds([]Change{c})...)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			if res.PoliciesChanged {
				t.Error("both sides have the embedded policies")
			}
		})
	}
}

func TestDiffTreesErrors(t *testing.T) {
	be := profileWith("BE", "Belgium", "operational")
	broken := strings.Replace(be, "status: operational", "status: maybe", 1)
	tests := []struct {
		name       string
		base, head map[string]string
		want       string
	}{
		{"an invalid base profile is named LABEL:path", map[string]string{"profiles/be.yaml": broken}, map[string]string{"profiles/be.yaml": be},
			`main:profiles/be.yaml:19:13: prum.dna.status: invalid value "maybe"; want one of operational, authorised, not_operational, unknown`},
		{"both sides' problems together", map[string]string{"profiles/be.yaml": broken}, map[string]string{"profiles/be.yaml": broken},
			`main:profiles/be.yaml:19:13: prum.dna.status: invalid value "maybe"; want one of operational, authorised, not_operational, unknown` + "\n" +
				`profiles/be.yaml:19:13: prum.dna.status: invalid value "maybe"; want one of operational, authorised, not_operational, unknown`},
		{"one state twice", map[string]string{}, map[string]string{"profiles/a.yaml": be, "profiles/b.yaml": be},
			"profiles/b.yaml:1:10: country: country BE is also profiled in profiles/a.yaml; want one profile per state, or a unit for each part of a state"},
		{"the path on neither side", map[string]string{"x": ""}, map[string]string{"y": ""},
			"read profiles: no such file or directory, at main nor in the working tree"},
		{"no profile on either side", map[string]string{"profiles/a.txt": ""}, map[string]string{"profiles/b.txt": ""},
			"[profiles]: no profiles found on either side: want *.yaml or *.yml files"},
		{"a link that leaves the tree unread", map[string]string{}, map[string]string{"profiles/be.yaml": "->/etc/passwd"},
			"open profiles/be.yaml: file does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Diff(context.Background(), Tree{Label: "main", FS: tree(tt.base)}, Tree{FS: tree(tt.head)}, DiffOptions{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestDiffTreesPoliciesAndWaivers: each side is judged by its own policies and
// waivers, and a base profile equal to the head's is not evaluated again unless the
// policies differ.
func TestDiffTreesPoliciesAndWaivers(t *testing.T) {
	be := profileWith("BE", "Belgium", "operational")
	embedded := EmbeddedPolicies()
	strict := fstest.MapFS{"gapcheck/rules/prum/dna/dna.rego": &fstest.MapFile{Data: []byte(strings.Replace(mustReadFS(t, embedded.FS, "gapcheck/rules/prum/dna/dna.rego"),
		`"met": {"operational", "authorised"}`, `"met": {"authorised"}`, 1))}}
	set, err := SelectPolicies(PolicySelection{Dirs: []PolicySource{{FS: strict, Dir: "strict"}}, Version: "v1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	head := Tree{FS: tree(map[string]string{"profiles/be.yaml": be}), Policies: set}
	res, err := Diff(context.Background(), Tree{Label: "main", FS: tree(map[string]string{"profiles/be.yaml": be})}, head, DiffOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.PoliciesChanged {
		t.Error("the head's policies differ")
	}
	if res.BasePolicies.Name != "embedded" || !strings.HasPrefix(res.HeadPolicies.Name, "embedded, gapcheck v1.0.0 + ./strict (sha256:") {
		t.Errorf("policies named %q and %q", res.BasePolicies.Name, res.HeadPolicies.Name)
	}
	if diff := cmp.Diff([]string{"BE status_changed prum-dna met>unknown"}, kinds(res.Changes)); diff != "" {
		t.Errorf("the same profile, judged by other policies (-want +got):\n%s", diff)
	}

	waivers, err := LoadWaivers("w.yaml", strings.NewReader("waivers:\n  - {recommendation: prum-dna, country: BE, justification: j, owner: o, expires: 2016-12-31}\n"))
	if err != nil {
		t.Fatal(err)
	}
	gap := profileWith("BE", "Belgium", "not_operational")
	res, err = Diff(context.Background(), Tree{Label: "main", FS: tree(map[string]string{"profiles/be.yaml": gap})},
		Tree{FS: tree(map[string]string{"profiles/be.yaml": gap}), Waivers: waivers}, DiffOptions{Today: time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"BE status_changed prum-dna gap>waived"}, kinds(res.Changes)); diff != "" {
		t.Errorf("a waiver added on the head side (-want +got):\n%s", diff)
	}
	if res.BaseWaivers != nil || res.HeadWaivers == nil || len(res.HeadWaivers.Applied) != 1 {
		t.Errorf("waiver reports: base %+v, head %+v", res.BaseWaivers, res.HeadWaivers)
	}
	if res.Base[0].Findings[0].Status == StatusWaived {
		t.Error("the base report, copied from the head's, was waived too")
	}
}

func mustReadFS(t *testing.T, fsys fs.FS, name string) string {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFindProfiles(t *testing.T) {
	fsys := tree(map[string]string{
		"profiles/a.yaml":         "a",
		"profiles/b.yml":          "b",
		"profiles/.hidden.yaml":   "h",
		"profiles/.drafts/c.yaml": "c",
		"profiles/sub/d.yaml":     "d",
		"profiles/notes.txt":      "n",
		"profiles/linked":         "->../shared",
		"profiles/file-link.yaml": "->../shared/e.yaml",
		"shared/e.yaml":           "e",
		"loop/self":               "->.",
		"loop/x.yaml":             "x",
		"empty/README":            "r",
		"dangling/a.yaml":         "->nowhere.yaml",
	})
	got, err := FindProfiles(fsys, "profiles")
	want := []string{"profiles/a.yaml", "profiles/b.yml", "profiles/file-link.yaml", "profiles/linked/e.yaml", "profiles/sub/d.yaml"}
	if err != nil || !cmp.Equal(want, got) {
		t.Errorf("FindProfiles = %v, %v; want %v", got, err, want)
	}
	if got, err := FindProfiles(fsys, "profiles/a.yaml"); err != nil || !cmp.Equal([]string{"profiles/a.yaml"}, got) {
		t.Errorf("a file: %v, %v", got, err)
	}
	if _, err := FindProfiles(fsys, "empty"); !errors.Is(err, ErrNoProfiles) {
		t.Errorf("empty: %v, want ErrNoProfiles", err)
	}
	if _, err := FindProfiles(fsys, "loop"); err == nil || !strings.Contains(err.Error(), "symbolic links loop back") {
		t.Errorf("loop: %v", err)
	}
	if _, err := FindProfiles(fsys, "dangling"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dangling: %v", err)
	}
	if _, err := FindProfiles(fsys, "nope"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("nope: %v", err)
	}
	// On disk, a FIFO named like a profile is refused, not read.
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/a.yaml", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(dir + "/pipe.yaml"); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err := FindProfiles(os.DirFS(dir), "."); !errors.Is(err, ErrNotRegular) {
		t.Errorf("FIFO: %v, want ErrNotRegular", err)
	}
}
