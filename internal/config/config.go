// Package config gives gapcheck's commands their settings, with the precedence users
// of such tools expect: command-line flags, then GAPCHECK_* environment variables,
// then the config file (.gapcheck.yaml), then the flags' defaults.
//
// It is the only user of viper, and viper does the layering: the config file,
// read and checked once here (with file:line:column for every problem), is merged
// into a viper instance, the environment (read through an injected function, so that
// tests need no real environment) is set over it, and Apply pushes each value into
// the flag the user did not set. Commands never read viper; they read their flags.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/gapcheck/gapcheck/internal/suggest"
	"github.com/gapcheck/gapcheck/internal/yamldoc"
)

// DefaultFile is the config file read from the working directory when present.
const DefaultFile = ".gapcheck.yaml"

// EnvPrefix prefixes the environment variable of every key: fail-on is GAPCHECK_FAIL_ON.
const EnvPrefix = "GAPCHECK"

// MaxFileSize bounds the config file, as profiles and waivers files are bounded.
const MaxFileSize = 1 << 20

// A kind is the shape a setting's value takes.
type kind int

const (
	scalar kind = iota // one value
	list               // a list of values, or one value; in the environment, comma-separated
)

// Keys are the settings a config file may hold, each the name of a flag.
var Keys = map[string]kind{
	"format":           scalar,
	"output":           list,
	"fail-on":          scalar,
	"fail-on-unknown":  scalar,
	"policy":           list,
	"timeout":          scalar,
	"at":               scalar,
	"max-evidence-age": scalar,
	"waivers":          scalar,
	"no-color":         scalar,
	"base":             scalar,
	"status":           list,
	"severity":         list,
	"recommendation":   list,
}

// EnvName returns the environment variable for a key.
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
}

// A Source says where settings come from.
type Source struct {
	// File is the config file; with Explicit false (the default file) a missing
	// file is fine, with Explicit true (--config) it is an error.
	File     string
	Explicit bool
	// Getenv reads the environment; nil reads none.
	Getenv func(string) string
	// CommandLineOnly names the settings this command takes from its flags only:
	// one set in the environment or the config file is an error, with the reason.
	CommandLineOnly map[string]string
}

// A Setting is where one value came from: the config file (with its position) or
// the environment.
type Setting struct {
	Key  string
	From string // "GAPCHECK_X" or "file:line:column"
}

// Settings are the settings of the environment and the config file, checked.
type Settings struct {
	v    *viper.Viper
	from map[string]string // key -> GAPCHECK_X or file:line:col
}

// Load reads the config file once and checks it: a YAML mapping of known keys,
// each a single value or (for list settings) a list of single values, with no
// control characters. Then it layers the environment over it. Every problem names
// file:line:column (or the environment variable) and what was expected.
func Load(src Source) (*Settings, error) {
	s := &Settings{v: viper.New(), from: map[string]string{}}
	values, err := readFile(src)
	if err != nil {
		return nil, err
	}
	if err := s.v.MergeConfigMap(values.values); err != nil {
		return nil, fmt.Errorf("read config %s: %w", src.File, err)
	}
	s.from = values.from
	var errs []error
	for _, key := range slices.Sorted(maps.Keys(Keys)) {
		if src.Getenv == nil {
			break
		}
		val := src.Getenv(EnvName(key))
		if val == "" {
			continue
		}
		if r, bad := yamldoc.Unsafe(val, false); bad {
			errs = append(errs, fmt.Errorf("%s: %w", EnvName(key), yamldoc.UnsafeError(r)))
			continue
		}
		if Keys[key] == list {
			s.v.Set(key, splitList(val))
		} else {
			s.v.Set(key, val)
		}
		s.from[key] = EnvName(key)
	}
	for key, reason := range src.CommandLineOnly {
		if from, ok := s.from[key]; ok {
			errs = append(errs, fmt.Errorf("%s: %s is refused here: %s", from, key, reason))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// splitList splits an environment value of a list setting at commas.
func splitList(val string) []string {
	var out []string
	for p := range strings.SplitSeq(val, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Apply sets every flag of flags that the user did not set from the settings, and
// returns the settings that flags has no flag for (a command ignores them: the
// caller may warn).
func (s *Settings) Apply(flags *pflag.FlagSet) (unused []Setting, err error) {
	var errs []error
	for _, key := range slices.Sorted(maps.Keys(s.from)) {
		f := flags.Lookup(key)
		if f == nil {
			unused = append(unused, Setting{Key: key, From: s.from[key]})
			continue
		}
		if f.Changed {
			continue
		}
		if err := setFlag(f, s.v.Get(key)); err != nil {
			errs = append(errs, fmt.Errorf("%s: %s: %w", s.from[key], key, err))
		}
	}
	return unused, errors.Join(errs...)
}

func setFlag(f *pflag.Flag, val any) error {
	items, isList := val.([]string)
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		if !isList {
			items = []string{fmt.Sprint(val)}
		}
		return sv.Replace(items)
	}
	if isList {
		return errors.New("got a list; want a single value")
	}
	return f.Value.Set(fmt.Sprint(val))
}

// fileValues are the checked values of a config file, and where each is.
type fileValues struct {
	values map[string]any
	from   map[string]string
}

func readFile(src Source) (*fileValues, error) {
	out := &fileValues{values: map[string]any{}, from: map[string]string{}}
	if src.File == "" {
		return out, nil
	}
	if !src.Explicit { // the default file: absent is fine, and a FIFO must not block
		info, err := os.Stat(src.File)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return out, nil
		case err != nil:
			return nil, fmt.Errorf("read config: %w", err)
		case !info.Mode().IsRegular():
			return nil, fmt.Errorf("read config %s: not a regular file", src.File)
		}
	}
	f, err := os.Open(src.File)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", src.File, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: config file is larger than the limit of %d bytes", src.File, MaxFileSize)
	}
	if strings.TrimSpace(string(data)) == "" {
		return out, nil // an empty file sets nothing
	}
	root, perr := yamldoc.Parse(data, yamldoc.Kind{Empty: "empty", Multiple: "more than one YAML document; want one config file"})
	if perr != nil {
		if perr.Err.Error() == "empty" {
			return out, nil // only comments
		}
		return nil, fmt.Errorf("%s: %w", position(src.File, perr.Line, perr.Column), perr.Err)
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: a config file is a mapping of settings to values", position(src.File, root.Line, root.Column))
	}
	known := slices.Sorted(maps.Keys(Keys))
	var errs []error
	at := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{position(src.File, n.Line, n.Column)}, args...)...))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		kd, ok := Keys[k.Value]
		if !ok {
			msg := fmt.Sprintf("unknown setting %q", k.Value)
			if best := suggest.Closest(k.Value, known); best != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", best)
			}
			at(k, "%s; want one of %s", msg, strings.Join(known, ", "))
			continue
		}
		if _, dup := out.values[k.Value]; dup {
			at(k, "%s: set twice", k.Value)
			continue
		}
		val, ok := value(v, kd, func(n *yaml.Node, msg string) { at(n, "%s: %s", k.Value, msg) })
		if !ok {
			continue
		}
		out.values[k.Value] = val
		out.from[k.Value] = position(src.File, k.Line, k.Column)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// value checks a setting's node: a plain scalar, or for a list setting a list of
// them; never a mapping, an alias, a tag or text with control characters.
func value(n *yaml.Node, kd kind, fail func(*yaml.Node, string)) (any, bool) {
	one := func(n *yaml.Node) (string, bool) {
		switch {
		case n.Kind == yaml.AliasNode || n.Anchor != "" || n.Style&yaml.TaggedStyle != 0:
			fail(n, "anchors, aliases and tags are not allowed; write the value plainly")
		case n.Kind != yaml.ScalarNode:
			want := "a single value"
			if kd == list {
				want = "a value or a list of values"
			}
			fail(n, fmt.Sprintf("got %s; want %s", yamldoc.KindOf(n), want))
		default:
			if r, bad := yamldoc.Unsafe(n.Value, false); bad {
				fail(n, yamldoc.UnsafeError(r).Error())
				return "", false
			}
			return n.Value, true
		}
		return "", false
	}
	if kd == list && n.Kind == yaml.SequenceNode {
		items := []string{}
		ok := true
		for _, c := range n.Content {
			s, good := one(c)
			ok = ok && good
			items = append(items, s)
		}
		return items, ok
	}
	s, ok := one(n)
	if ok && kd == list {
		return []string{s}, true // one value, never split at spaces
	}
	return s, ok
}

func position(file string, line, col int) string {
	switch {
	case line <= 0:
		return file
	case col <= 0:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}
