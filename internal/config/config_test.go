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
	fs.Bool("fail-on-unknown", false, "")
	return fs
}

// TestPrecedence proves flag > GAPCHECK_* environment > config file > default.
func TestPrecedence(t *testing.T) {
	file := filepath.Join(t.TempDir(), ".gapcheck.yaml")
	if err := os.WriteFile(file, []byte("format: markdown\nfail-on: high\npolicy: [a, b]\nfail-on-unknown: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GAPCHECK_FAIL_ON", "critical")
	fs := flags(t)
	if err := fs.Parse([]string{"--format", "json"}); err != nil {
		t.Fatal(err)
	}
	if err := Apply(fs, file, true); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, k := range []string{"format", "fail-on", "policy", "fail-on-unknown"} {
		got[k] = fs.Lookup(k).Value.String()
	}
	want := map[string]string{
		"format":          "json",     // the flag
		"fail-on":         "critical", // the environment over the file
		"policy":          "[a,b]",    // the file
		"fail-on-unknown": "true",     // the file
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}

	// Without a file, an unset flag keeps its default.
	fs = flags(t)
	if err := Apply(fs, filepath.Join(t.TempDir(), "none.yaml"), false); err != nil {
		t.Fatal(err)
	}
	if v := fs.Lookup("format").Value.String(); v != "table" {
		t.Errorf("default format = %q", v)
	}
}

func TestMissingExplicitFile(t *testing.T) {
	err := Apply(flags(t), filepath.Join(t.TempDir(), "none.yaml"), true)
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("got %v", err)
	}
}

func TestEnvName(t *testing.T) {
	if got := EnvName("fail-on-unknown"); got != "GAPCHECK_FAIL_ON_UNKNOWN" {
		t.Errorf("got %s", got)
	}
}
