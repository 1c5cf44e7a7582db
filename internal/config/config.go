// Package config gives gapcheck's commands their settings, with the precedence users
// of such tools expect: command-line flags, then GAPCHECK_* environment variables,
// then the config file (.gapcheck.yaml), then the flags' defaults.
//
// It is the only user of viper. Commands never read viper: Apply pushes each value
// into the flag the user did not set, and commands read their flags as usual.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/gapcheck/gapcheck/internal/suggest"
)

// DefaultFile is the config file read from the working directory when present.
const DefaultFile = ".gapcheck.yaml"

// EnvPrefix prefixes the environment variable of every key: fail-on is GAPCHECK_FAIL_ON.
const EnvPrefix = "GAPCHECK"

// Keys are the settings a config file may hold, each the name of a flag.
var Keys = map[string]string{
	"format":          "output format",
	"output":          "extra outputs, as FORMAT=FILE",
	"fail-on":         "failure threshold: a severity, or never",
	"fail-on-unknown": "unknown findings fail the run too",
	"policy":          "extra policy directories",
	"timeout":         "time limit per profile",
	"waivers":         "waivers file",
	"no-color":        "no colours in the table output",
	"base":            "git base of diff",
}

// EnvName returns the environment variable for a key.
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
}

// Apply sets every flag of flags that the user did not set from the environment or,
// failing that, from the config file. path is the config file; with explicit false a
// missing file is fine, with explicit true (--config) it is an error. A file that is
// not valid YAML, is not a mapping, or holds an unknown key is an error naming
// file:line:column.
func Apply(flags *pflag.FlagSet, path string, explicit bool) error {
	v := viper.New()
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	v.SetConfigType("yaml")

	if info, err := os.Stat(path); err == nil && !explicit && !info.Mode().IsRegular() {
		return fmt.Errorf("read config %s: not a regular file", path)
	}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := checkFile(path, data); err != nil {
			return err
		}
		if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
			return fmt.Errorf("read config %s: %w", path, err)
		}
	case errors.Is(err, fs.ErrNotExist) && !explicit:
	default:
		return fmt.Errorf("read config: %w", err)
	}

	var errs []error
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Changed || !v.IsSet(f.Name) {
			return
		}
		if err := setFlag(f, v); err != nil {
			errs = append(errs, fmt.Errorf("%s (from %s or %s): %w", f.Name, EnvName(f.Name), path, err))
		}
	})
	return errors.Join(errs...)
}

func setFlag(f *pflag.Flag, v *viper.Viper) error {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		return sv.Replace(v.GetStringSlice(f.Name))
	}
	val := v.Get(f.Name)
	if _, ok := val.([]any); ok {
		return fmt.Errorf("got a list; want a single value")
	}
	return f.Value.Set(fmt.Sprint(val))
}

// checkFile checks that a config file is a YAML mapping of known keys.
func checkFile(path string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: invalid YAML: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil // an empty file sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d:%d: a config file is a mapping of settings to values", path, root.Line, root.Column)
	}
	known := make([]string, 0, len(Keys))
	for k := range Keys {
		known = append(known, k)
	}
	slices.Sort(known)
	var errs []error
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if _, ok := Keys[k.Value]; ok {
			continue
		}
		msg := fmt.Sprintf("%s:%d:%d: unknown setting %q", path, k.Line, k.Column, k.Value)
		if best := suggest.Closest(k.Value, known); best != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", best)
		}
		errs = append(errs, errors.New(msg+"; want one of "+strings.Join(known, ", ")))
	}
	return errors.Join(errs...)
}
