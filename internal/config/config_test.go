package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func flags(t *testing.T) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.String("format", "table", "")
	fs.String("fail-on", "low", "")
	fs.StringArray("policy", nil, "")
	fs.StringArray("output", nil, "")
	fs.Bool("fail-on-unknown", false, "")
	return fs
}

func file(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), ".gapcheck.yaml")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func env(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }

// TestPrecedence proves flag > GAPCHECK_* environment > config file > default, with
// the environment injected: no test reads the real one.
func TestPrecedence(t *testing.T) {
	path := file(t, "format: markdown\nfail-on: high\npolicy: [a, b]\nfail-on-unknown: true\noutput: sarif=my report.sarif\n")
	fs := flags(t)
	if err := fs.Parse([]string{"--format", "json"}); err != nil {
		t.Fatal(err)
	}
	s, err := Load(Source{File: path, Explicit: true, Getenv: env(map[string]string{"GAPCHECK_FAIL_ON": "critical", "GAPCHECK_POLICY": "x, y,,z"})})
	if err != nil {
		t.Fatal(err)
	}
	unused, err := s.Apply(fs)
	if err != nil || len(unused) != 0 {
		t.Fatal(err, unused)
	}
	want := map[string]string{
		"format":          "json",                    // the flag
		"fail-on":         "critical",                // the environment over the file
		"policy":          "[x,y,z]",                 // the environment, a list split at commas
		"fail-on-unknown": "true",                    // the file
		"output":          "[sarif=my report.sarif]", // one value of a list setting, not split at spaces
	}
	for k, w := range want {
		if got := fs.Lookup(k).Value.String(); got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}

	// Without a file, an unset flag keeps its default.
	fs = flags(t)
	s, err = Load(Source{File: filepath.Join(t.TempDir(), "none.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(fs); err != nil {
		t.Fatal(err)
	}
	if v := fs.Lookup("format").Value.String(); v != "table" {
		t.Errorf("default format = %q", v)
	}
}

func TestUnusedAndRefused(t *testing.T) {
	path := file(t, "format: json\nbase: main\n")
	s, err := Load(Source{File: path})
	if err != nil {
		t.Fatal(err)
	}
	unused, err := s.Apply(flags(t))
	if err != nil || len(unused) != 1 || unused[0].Key != "base" || unused[0].From != path+":2:1" {
		t.Errorf("unused = %+v, %v; want base at %s:2:1", unused, err, path)
	}
	only := map[string]string{"policy": "give it on the command line"}
	_, err = Load(Source{File: file(t, "policy: ci\n"), CommandLineOnly: only})
	if err == nil || !strings.HasSuffix(err.Error(), ":1:1: policy is refused here: give it on the command line") {
		t.Errorf("policy from the file: %v", err)
	}
	_, err = Load(Source{Getenv: env(map[string]string{"GAPCHECK_POLICY": "ci"}), CommandLineOnly: only})
	if err == nil || err.Error() != "GAPCHECK_POLICY: policy is refused here: give it on the command line" {
		t.Errorf("policy from the environment: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"unknown key", "fial-on: never\n", `:1:1: unknown setting "fial-on" (did you mean "fail-on"?); want one of at, base, fail-on, fail-on-unknown, format, max-evidence-age, no-color, output, policy, recommendation, severity, status, timeout, waivers`},
		{"set twice", "format: json\nformat: table\n", ":2:1: format: set twice"},
		{"a list for a value", "format: [json]\n", ":1:9: format: got a list; want a single value"},
		{"an alias", "format: &f json\nwaivers: *f\n", ":2:10: waivers: anchors, aliases and tags are not allowed; write the value plainly"},
		{"not a mapping", "- json\n", ":1:1: a config file is a mapping of settings to values"},
		{"two documents", "format: json\n---\nformat: table\n", ":2:1: more than one YAML document; want one config file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(Source{File: file(t, tt.content)})
			if err == nil || !strings.HasSuffix(err.Error(), tt.want) {
				t.Errorf("got %v\nwant …%s", err, tt.want)
			}
		})
	}
	for _, content := range []string{"", "# only a comment\n"} {
		if _, err := Load(Source{File: file(t, content)}); err != nil {
			t.Errorf("%q sets nothing: %v", content, err)
		}
	}
}

func TestFileLimits(t *testing.T) {
	if _, err := Load(Source{File: filepath.Join(t.TempDir(), "none.yaml"), Explicit: true}); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("a missing --config: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err := Load(Source{File: "/dev/zero", Explicit: true})
	if err == nil || err.Error() != "/dev/zero: config file is larger than the limit of 1048576 bytes" {
		t.Errorf("--config /dev/zero: %v", err)
	}
}

func TestEnvName(t *testing.T) {
	if got := EnvName("fail-on-unknown"); got != "GAPCHECK_FAIL_ON_UNKNOWN" {
		t.Errorf("got %s", got)
	}
}
