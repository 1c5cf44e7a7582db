package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapcheck/gapcheck/internal/policy"
)

// opaBinary finds the stock opa binary: $GAPCHECK_OPA, opa on PATH, or opa in
// Go's bin directory (where .ci/run installs v1.22.2). The test is skipped without
// one, unless GAPCHECK_REQUIRE_OPA=1 (as in CI), when it fails.
func opaBinary(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("GAPCHECK_OPA")}
	if p, err := exec.LookPath("opa"); err == nil {
		candidates = append(candidates, p)
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(out))) {
			candidates = append(candidates, filepath.Join(dir, "bin", "opa"))
		}
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if info, err := os.Stat(c); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 {
			return c
		}
	}
	msg := "no opa binary (set GAPCHECK_OPA, or go install github.com/open-policy-agent/opa@v1.22.2): the bundle's parity with stock OPA is not checked"
	if os.Getenv("GAPCHECK_REQUIRE_OPA") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// opaServer runs `opa run --server` on a loopback port with args (a bundle, or a
// configuration) and returns its address once its bundles are active; the test
// stops it.
func opaServer(t *testing.T, opa string, args ...string) string {
	t.Helper()
	for attempt := range 3 { // the free port may be taken between finding and using it
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		var logs bytes.Buffer
		cmd := exec.Command(opa, append([]string{"run", "--server", "--addr", addr, "--skip-version-check", "--log-level", "error"}, args...)...)
		cmd.Stdout, cmd.Stderr = &logs, &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		t.Cleanup(func() {
			_ = cmd.Process.Kill()
			<-exited
		})
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			select {
			case <-exited:
				t.Logf("opa exited (attempt %d): %s", attempt+1, logs.String())
				deadline = time.Time{}
				continue
			default:
			}
			resp, err := http.Get("http://" + addr + "/health?bundles=true")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return "http://" + addr
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	t.Fatal("opa run --server did not come up")
	return ""
}

// decision is one recommendation's result as the entrypoint gives it.
type decision struct {
	Status  string   `json:"status"`
	Message string   `json:"message"`
	Paths   []string `json:"paths"`
	Law     []string `json:"law,omitempty"`
}

// TestBundleParityWithStockOPA builds the bundle with gapcheck bundle, serves it
// with stock opa run --server, posts every shipped profile as gapcheck input gives
// it, at 2016-03-01 and at each profile's as_of, and checks that the decisions are
// the findings of gapcheck check: status, message, paths and law, for all of them.
func TestBundleParityWithStockOPA(t *testing.T) {
	opa := opaBinary(t)
	file := filepath.Join(t.TempDir(), "gapcheck.tar.gz")
	if got := run(t, moduleRoot, nil, "bundle", "-o", file); got.code != 0 {
		t.Fatalf("bundle: exit %d, %s", got.code, got.stderr)
	}
	server := opaServer(t, opa, "--bundle", file)

	profiles, err := filepath.Glob(filepath.Join(moduleRoot, "profiles", "*.yaml"))
	if err != nil || len(profiles) < 32 {
		t.Fatalf("%d shipped profiles (%v)", len(profiles), err)
	}
	for _, at := range []string{"2016-03-01", ""} {
		name := at
		if name == "" {
			name = "as_of"
		}
		t.Run(name, func(t *testing.T) {
			args := []string{"check", "--format", "json", "--fail-on", "never", "profiles/"}
			if at != "" {
				args = append(args, "--at", at)
			}
			got := run(t, moduleRoot, nil, args...)
			if got.code != 0 {
				t.Fatalf("check: exit %d, %s", got.code, got.stderr)
			}
			var report struct {
				Reports []struct {
					Profile  struct{ Path string }
					At       string
					Findings []struct {
						ID, Status, Message string
						Evidence            []struct{ Path string }
						Law                 []struct{ ID string }
					}
				}
			}
			if err := json.Unmarshal([]byte(got.stdout), &report); err != nil {
				t.Fatal(err)
			}
			if len(report.Reports) != len(profiles) {
				t.Fatalf("%d reports for %d profiles", len(report.Reports), len(profiles))
			}
			compared := 0
			for _, r := range report.Reports {
				want := map[string]decision{}
				for _, f := range r.Findings {
					d := decision{Status: f.Status, Message: f.Message}
					for _, e := range f.Evidence {
						d.Paths = append(d.Paths, e.Path)
					}
					for _, l := range f.Law {
						d.Law = append(d.Law, l.ID)
					}
					want[f.ID] = d
				}
				served := served(t, server, r.Profile.Path, r.At)
				if diff := cmp.Diff(want, served); diff != "" {
					t.Errorf("%s at %s: stock OPA (+) and gapcheck (-) differ:\n%s", r.Profile.Path, r.At, diff)
				}
				compared += len(want)
			}
			if compared < 32*len(embeddedRecommendations(t)) {
				t.Errorf("compared %d findings", compared)
			}
		})
	}
}

// TestBundlePulledFromAServer: OPA instances configured as the README says pull the
// bundle from any HTTP server and give the same decisions.
func TestBundlePulledFromAServer(t *testing.T) {
	opa := opaBinary(t)
	dir := t.TempDir()
	if got := run(t, moduleRoot, nil, "bundle", "-o", filepath.Join(dir, "gapcheck.tar.gz")); got.code != 0 {
		t.Fatalf("bundle: exit %d, %s", got.code, got.stderr)
	}
	files := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer files.Close()
	config := filepath.Join(t.TempDir(), "opa.yaml")
	writeFile(t, config, `services:
  catalogue:
    url: `+files.URL+`
bundles:
  gapcheck:
    service: catalogue
    resource: gapcheck.tar.gz
    polling: { min_delay_seconds: 60, max_delay_seconds: 120 }
`)
	server := opaServer(t, opa, "--config-file", config)
	got := run(t, moduleRoot, nil, "check", "--format", "json", "--fail-on", "never", "profiles/belgium.yaml")
	var report struct {
		Reports []struct{ Findings []struct{ ID, Status string } }
	}
	if err := json.Unmarshal([]byte(got.stdout), &report); err != nil {
		t.Fatal(err)
	}
	decisions := served(t, server, "profiles/belgium.yaml", "")
	for _, f := range report.Reports[0].Findings {
		if decisions[f.ID].Status != f.Status {
			t.Errorf("%s: served %q, check %q", f.ID, decisions[f.ID].Status, f.Status)
		}
	}
	if len(decisions) != len(report.Reports[0].Findings) {
		t.Errorf("%d decisions, %d findings", len(decisions), len(report.Reports[0].Findings))
	}
}

// served asks the server for a profile's findings at a date, with the input of
// gapcheck input, and returns them by recommendation id.
func served(t *testing.T, server, profile, at string) map[string]decision {
	t.Helper()
	in := run(t, moduleRoot, nil, "input", "--at", at, profile)
	if in.code != 0 {
		t.Fatalf("input %s: exit %d, %s", profile, in.code, in.stderr)
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, server+"/v1/data/gapcheck/main/findings", strings.NewReader(in.stdout))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %d %s (%v)", profile, resp.StatusCode, body, err)
	}
	var doc struct {
		Result map[string]map[string]decision `json:"result"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]decision{}
	for area, byName := range doc.Result {
		for name, d := range byName {
			id, ok := policy.ID(policy.RulesRoot + "." + area + "." + name)
			if !ok {
				t.Errorf("a decision of no recommendation: %s.%s", area, name)
			}
			out[id] = d
		}
	}
	return out
}

// TestBundleContents: the bundle is a standard OPA bundle of the policies without
// their tests, the data the policies read, and a manifest; the same policies give
// the same bytes; a bad --output is refused before anything is compiled.
func TestBundleContents(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "b.tar.gz")
	got := run(t, dir, nil, "bundle", "-o", file)
	if got.code != 0 || !strings.HasPrefix(got.stdout, fmt.Sprintf("policies: embedded, gapcheck (devel)\nwrote %s (%d recommendations, revision sha256:", file, len(embeddedRecommendations(t)))) {
		t.Fatalf("exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	first, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := run(t, dir, nil, "bundle", "-o", file); got.code != 0 {
		t.Fatal(got.stderr)
	}
	if again, _ := os.ReadFile(file); !bytes.Equal(first, again) {
		t.Error("two bundles of the same policies differ")
	}
	files := untar(t, first)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	if names[0] != "/.manifest" || names[1] != "/data.json" || names[2] != "/gapcheck/lib/lib.rego" || names[3] != "/gapcheck/main/main.rego" {
		t.Errorf("files %v", names)
	}
	for _, n := range names {
		if strings.HasSuffix(n, "_test.rego") {
			t.Errorf("a test file in the bundle: %s", n)
		}
	}
	var manifest struct {
		Revision    string   `json:"revision"`
		Roots       []string `json:"roots"`
		RegoVersion int      `json:"rego_version"`
		Metadata    struct {
			Gapcheck struct{ Policies, Entrypoint string }
		}
	}
	if err := json.Unmarshal(files["/.manifest"], &manifest); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(manifest.Revision, "sha256:") || !slices.Equal(manifest.Roots, []string{"gapcheck"}) || manifest.RegoVersion != 1 ||
		manifest.Metadata.Gapcheck.Policies != "embedded, gapcheck (devel)" || manifest.Metadata.Gapcheck.Entrypoint != "gapcheck/main/findings" {
		t.Errorf("manifest %+v", manifest)
	}
	var data struct {
		Gapcheck struct {
			Instruments map[string]any
			Settings    struct {
				Recommendations map[string]map[string]map[string]any
			}
		}
	}
	if err := json.Unmarshal(files["/data.json"], &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Gapcheck.Instruments) == 0 || fmt.Sprint(data.Gapcheck.Settings.Recommendations["prum"]["dna"]["deadline"]) != "2011-08-26" {
		t.Errorf("data: %d instruments, prum.dna settings %v", len(data.Gapcheck.Instruments), data.Gapcheck.Settings.Recommendations["prum"]["dna"])
	}

	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"bundle"}, "gapcheck: --output: want the bundle file to write, e.g. -o gapcheck.tar.gz\n"},
		{[]string{"bundle", "-o", "nope/b.tar.gz"}, "gapcheck: --output nope/b.tar.gz: directory nope does not exist\n"},
		{[]string{"input"}, "gapcheck: accepts 1 arg(s), received 0\n"},
		{[]string{"input", "--at", "2016-02-30", "b.tar.gz"}, "gapcheck: --at 2016-02-30: want a date as YYYY-MM-DD, or YYYY-MM or YYYY for its last day\n"},
	} {
		if got := run(t, dir, nil, tt.args...); got.code != ExitInvalid || got.stderr != tt.stderr || got.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tt.args, got.code, got.stdout, got.stderr)
		}
	}
}

// TestInputIsWhatThePoliciesSee: gapcheck input prints the profile at a date as
// checker.Profile.At gives it, as a request body.
func TestInputIsWhatThePoliciesSee(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	got := run(t, dir, nil, "input", "--at", "2015-06", "belgium.yaml")
	var doc struct {
		Input map[string]any `json:"input"`
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); got.code != 0 || err != nil {
		t.Fatalf("exit %d, %v, stderr %q", got.code, err, got.stderr)
	}
	profiles, err := loadProfiles(context.Background(), []string{"belgium.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	b, _ := json.Marshal(profiles[0].At("2015-06-30"))
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, doc.Input); diff != "" || doc.Input["at"] != "2015-06-30" {
		t.Errorf("input (-want +got):\n%s", diff)
	}
	if asOf := run(t, dir, nil, "input", "belgium.yaml"); !strings.Contains(asOf.stdout, `"at": "`+profiles[0].AsOf+`"`) {
		t.Errorf("without --at, the input should be at the profile's as_of")
	}
	if bad := run(t, dir, nil, "input", "nope.yaml"); bad.code != ExitInvalid || bad.stderr != "gapcheck: read nope.yaml: no such file or directory\n" {
		t.Errorf("a missing profile: exit %d, stderr %q", bad.code, bad.stderr)
	}
}

// untar reads a gzipped tarball's files.
func untar(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	out := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out[h.Name] = b
	}
}
