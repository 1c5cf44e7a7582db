package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// At their date (2016-03-01) the fixtures' one gap is Belgium's
// national-ftf-database and their one partial France's sis-ftf-alerts; the PNR
// findings are not yet due, so a waiver of them matches nothing.
const fixtureWaivers = `waivers:
  - recommendation: "national-*"
    country: BE
    justification: The shared database is being built.
    owner: jane.doe@example.org
    expires: 2999-12-31
  - recommendation: sis-ftf-alerts
    country: FR
    justification: Alerts are being entered.
    owner: joe
    expires: 2016-01-01
  - recommendation: pnr-*
    country: "*"
    justification: Nothing to waive yet.
    owner: ann
    expires: 2999-12-31
`

// waiverDir is a directory with the Belgian and French fixtures and the waivers.
func waiverDir(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "france.yaml"), fixtureProfile(t, "france.yaml"))
	writeFile(t, filepath.Join(dir, "waivers.yaml"), fixtureWaivers)
	return dir
}

func TestCheckWaivers(t *testing.T) {
	dir := waiverDir(t)
	got := run(t, dir, nil, "--waivers", "waivers.yaml", "belgium.yaml")
	if got.code != ExitOK {
		t.Errorf("exit %d, want 0: Belgium's one gap is waived; stderr %s", got.code, got.stderr)
	}
	be := statusCounts(t, dir, "belgium.yaml")
	be.Gap, be.Waived = be.Gap-1, be.Waived+1
	for _, want := range []string{
		" waived          medium    149   national-ftf-database\n", "Shared foreign-fighter database: none",
		"\n" + summaryCounts(be) + ".",
	} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, got.stdout)
		}
	}

	got = run(t, dir, nil, "--waivers", "waivers.yaml", "belgium.yaml", "france.yaml")
	if got.code != ExitFail {
		t.Errorf("exit %d, want 1: the waiver of France's partial expired", got.code)
	}
	wantErr := "gapcheck: warning: waivers.yaml:7:5: waiver by joe expired 2016-01-01; it no longer waives sis-ftf-alerts in france.yaml\n" +
		"gapcheck: warning: waivers.yaml:12:5: waiver of pnr-* in * matches no gap or partial finding; remove it\n"
	if got.stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", got.stderr, wantErr)
	}

	// Renewed, the partial is waived too and the run passes.
	writeFile(t, filepath.Join(dir, "waivers.yaml"), strings.Replace(fixtureWaivers, "2016-01-01", "2999-01-01", 1))
	if got := run(t, dir, nil, "--waivers", "waivers.yaml", "belgium.yaml", "france.yaml"); got.code != ExitOK {
		t.Errorf("every gap waived: exit %d, want 0; stderr %s", got.code, got.stderr)
	}

	// The config file's waivers key works like the flag.
	writeFile(t, filepath.Join(dir, ".gapcheck.yaml"), "waivers: waivers.yaml\n")
	if got := run(t, dir, nil, "check", "belgium.yaml", "france.yaml"); got.code != ExitOK || !strings.Contains(got.stdout, " w ") {
		t.Errorf("waivers from .gapcheck.yaml: exit %d\n%s", got.code, got.stdout)
	}
}

// TestCheckWaiversJSON pins the additive JSON contract: a top-level "waivers" object
// only when a waivers file is given.
func TestCheckWaiversJSON(t *testing.T) {
	dir := waiverDir(t)
	var without map[string]any
	got := run(t, dir, nil, "--format", "json", "belgium.yaml")
	if err := json.Unmarshal([]byte(got.stdout), &without); err != nil {
		t.Fatal(err)
	}
	if _, ok := without["waivers"]; ok {
		t.Error(`no "waivers" object without a waivers file`)
	}

	got = run(t, dir, nil, "--format", "json", "--waivers", "waivers.yaml", "belgium.yaml", "france.yaml")
	var doc struct {
		Reports []struct {
			Findings []struct {
				ID, Status string
				Waiver     *struct{ Justification, Owner, Expires string }
			}
		}
		Waivers struct {
			File    string
			Applied []struct {
				Waiver struct {
					Recommendation string
					Location       struct{ File, Line, Column any }
				}
				Profile, Country, Recommendation string
			}
			Expired  []struct{ Recommendation string }
			Orphaned []struct{ Recommendation, Country string }
		}
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	w := doc.Waivers
	if w.File != "waivers.yaml" || len(w.Applied) != 1 || len(w.Expired) != 1 || len(w.Orphaned) != 1 {
		t.Fatalf("waivers: %+v", w)
	}
	if a := w.Applied[0]; a.Recommendation != "national-ftf-database" || a.Profile != "belgium.yaml" || a.Country != "BE" ||
		a.Waiver.Recommendation != "national-*" || a.Waiver.Location.Line != float64(2) {
		t.Errorf("applied[0]: %+v", a)
	}
	if w.Expired[0].Recommendation != "sis-ftf-alerts" || w.Orphaned[0].Recommendation != "pnr-*" {
		t.Errorf("expired %+v, orphaned %+v", w.Expired, w.Orphaned)
	}
	for _, f := range doc.Reports[0].Findings {
		if f.ID == "national-ftf-database" && (f.Status != "waived" || f.Waiver == nil || f.Waiver.Owner != "jane.doe@example.org" || f.Waiver.Expires != "2999-12-31") {
			t.Errorf("national-ftf-database: %+v", f)
		}
	}
}

// TestCheckWaiversMalformed: a malformed waivers file stops the run with file:line,
// before any policy is compiled (the broken policy is never reported).
func TestCheckWaiversMalformed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belgium.yaml"), belgiumSource(t))
	writeFile(t, filepath.Join(dir, "badpolicy/x.rego"), "package gapcheck.rules.x.y\n\nresult := {\n")
	writeFile(t, filepath.Join(dir, "waivers.yaml"), strings.Replace(fixtureWaivers, "2999-12-31", "2016-02-30", 1))

	got := run(t, dir, nil, "--waivers", "waivers.yaml", "--policy", "badpolicy", "belgium.yaml")
	want := "gapcheck: waivers.yaml:6:14: waivers[0].expires: invalid date \"2016-02-30\"; want a calendar date as YYYY-MM-DD\n"
	if got.code != ExitInvalid || got.stderr != want || got.stdout != "" {
		t.Errorf("exit %d, stdout %q\nstderr: %q\n  want: %q", got.code, got.stdout, got.stderr, want)
	}
	got = run(t, dir, nil, "--waivers", "missing.yaml", "belgium.yaml")
	if want := "gapcheck: --waivers: open missing.yaml: no such file or directory\n"; got.code != ExitInvalid || got.stderr != want {
		t.Errorf("missing file: exit %d, stderr %q", got.code, got.stderr)
	}
}
