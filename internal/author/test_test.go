package author

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gapcheck/gapcheck/checker"
)

// demoPolicy has three rules, one of which (allow, line 3) no test reaches.
const demoPolicy = `package demo

allow if input.user == "admin"

double(n) := m if {
	m := n * 2
}
`

const demoTests = `package demo_test

import data.demo

test_double if {
	demo.double(2) == 4
}

test_double_wrong if {
	print("doubling", 3)
	demo.double(3) == 7
}

test_conflict if {
	to_number("three") == 3
}

todo_test_later if {
	false
}
`

func demoSource(files map[string]string) checker.PolicySource {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return checker.PolicySource{FS: fsys, Dir: "fx"}
}

func TestTestReportsEveryOutcome(t *testing.T) {
	src := demoSource(map[string]string{"demo/demo.rego": demoPolicy, "demo/demo_test.rego": demoTests})
	report, err := Test(context.Background(), []checker.PolicySource{src}, TestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []TestResult{
		{Package: "data.demo_test", Name: "test_double", Outcome: Pass, File: "fx/demo/demo_test.rego", Line: 5},
		{Package: "data.demo_test", Name: "test_double_wrong", Outcome: Fail, File: "fx/demo/demo_test.rego", Line: 9,
			Detail: "failed at fx/demo/demo_test.rego:11:\n  demo.double(3) == 7\n  |\n  6",
			Output: "doubling 3\n"},
		{Package: "data.demo_test", Name: "test_conflict", Outcome: Error, File: "fx/demo/demo_test.rego", Line: 14,
			Detail: `fx/demo/demo_test.rego:15: eval_builtin_error: to_number: strconv.ParseFloat: parsing "three": invalid syntax`},
		{Package: "data.demo_test", Name: "todo_test_later", Outcome: Skip, File: "fx/demo/demo_test.rego", Line: 18},
	}
	if diff := cmp.Diff(want, report.Results, cmpopts.IgnoreFields(TestResult{}, "Duration")); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if report.Passed() || report.Count(Fail) != 1 || report.Count(Error) != 1 || report.Coverage != nil {
		t.Errorf("Passed %v, %d failed, %d errored, coverage %v; want false, 1, 1, nil",
			report.Passed(), report.Count(Fail), report.Count(Error), report.Coverage)
	}
}

func TestTestVerboseAddsTrace(t *testing.T) {
	src := demoSource(map[string]string{"demo/demo.rego": demoPolicy, "demo/demo_test.rego": demoTests})
	report, err := Test(context.Background(), []checker.PolicySource{src}, TestOptions{Verbose: true, Run: regexp.MustCompile(`wrong`)})
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Results) != 1 {
		t.Fatalf("got %d results, want 1", len(report.Results))
	}
	const head = "failed at fx/demo/demo_test.rego:11:\n  demo.double(3) == 7\n  |\n  6\ntrace:\n"
	if d := report.Results[0].Detail; len(d) < len(head) || d[:len(head)] != head ||
		!regexp.MustCompile(`(?m)^  fx/demo/demo\.rego:6 +\| \| \| Eval mul\(n, 2, `).MatchString(d) {
		t.Errorf("detail lacks the failure and the trace through demo.rego:\n%s", d)
	}
}

func TestTestCoverage(t *testing.T) {
	src := demoSource(map[string]string{"demo/demo.rego": demoPolicy, "demo/demo_test.rego": demoTests})
	report, err := Test(context.Background(), []checker.PolicySource{src}, TestOptions{Coverage: true, Run: regexp.MustCompile(`test_double$`)})
	if err != nil {
		t.Fatal(err)
	}
	// double's head (5) and body (6) are covered; allow (3) is not. Test files are not counted.
	want := &Coverage{
		Files:   []FileCoverage{{File: "fx/demo/demo.rego", Covered: 2, NotCovered: 1, Missed: []LineSpan{{3, 3}}}},
		Covered: 2, NotCovered: 1,
	}
	if diff := cmp.Diff(want, report.Coverage); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
	if got := FormatPercent(report.Coverage.Percent()); got != "66.66" {
		t.Errorf("FormatPercent = %s, want 66.66 (rounded down)", got)
	}
}

// TestThresholdUsesTheExactFigure: OPA prints coverage with %.2f, so 99.995% reads
// "100.00"; the threshold must compare the exact value, and the figure must not
// read as 100 when it is not.
func TestThresholdUsesTheExactFigure(t *testing.T) {
	tests := []struct {
		covered, notCovered int
		threshold           float64
		meets               bool
		shown               string
	}{
		{19999, 1, 100, false, "99.99"},
		{1999, 1, 99.95, true, "99.95"},
		{1999, 1, 99.96, false, "99.95"},
		{265, 0, 100, true, "100.00"},
		{19, 1, 95, true, "95.00"},
		{2, 1, 66.67, false, "66.66"},
		{0, 0, 0, true, "0.00"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d_%d_%g", tt.covered, tt.notCovered, tt.threshold), func(t *testing.T) {
			c := &Coverage{Covered: tt.covered, NotCovered: tt.notCovered}
			if got := c.Meets(tt.threshold); got != tt.meets {
				t.Errorf("Meets(%g) = %v at %v%%", tt.threshold, got, c.Percent())
			}
			if got := FormatPercent(c.Percent()); got != tt.shown {
				t.Errorf("FormatPercent = %s, want %s", got, tt.shown)
			}
		})
	}
	if opa := fmt.Sprintf("%.2f", (&Coverage{Covered: 19999, NotCovered: 1}).Percent()); opa != "100.00" {
		t.Errorf("the rounding this guards against no longer happens: %s", opa)
	}
}

func TestTestErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		run   string
		want  string
		is    error
	}{
		{"strict mode", map[string]string{"a/a.rego": "package a\n\nx if {\n\ty := 1\n}\n", "a/a_test.rego": "package a_test\n\ntest_x if data.a.x\n"},
			"", "compile policies: fx/a/a.rego:4:2: assigned var y unused", nil},
		{"refused builtin", map[string]string{"a/a_test.rego": "package a_test\n\ntest_x if time.now_ns() > 0\n"},
			"", "compile policies: fx/a/a_test.rego:3:11: undefined function time.now_ns", nil},
		{"parse error", map[string]string{"a/a_test.rego": "package a_test\n\ntest_x if {\n"},
			"", "load policies: fx/a/a_test.rego:4: unexpected eof token\n\ttest_x if {\n\t          ^", nil},
		{"no tests", map[string]string{"a/a.rego": "package a\n\nx := 1\n"}, "", "no tests found", ErrNoTests},
		{"no test matches", map[string]string{"a/a_test.rego": "package a_test\n\ntest_x if true\n"}, "nothing", `no tests found matching "nothing"`, ErrNoTests},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := TestOptions{}
			if tt.run != "" {
				opts.Run = regexp.MustCompile(tt.run)
			}
			_, err := Test(context.Background(), []checker.PolicySource{demoSource(tt.files)}, opts)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error:\n got: %v\nwant: %s", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("%v is not %v", err, tt.is)
			}
			var perrs checker.PolicyErrors
			if tt.is == nil && !errors.As(err, &perrs) {
				t.Errorf("%v is not a checker.PolicyErrors", err)
			}
		})
	}
}

// TestEmbeddedRegoTests runs the Rego tests of the embedded policies: `go test ./...`
// fails when one fails or when coverage of the policies drops below 95%.
func TestEmbeddedRegoTests(t *testing.T) {
	const threshold = 95
	report, err := Test(context.Background(), []checker.PolicySource{checker.EmbeddedPolicies()}, TestOptions{Coverage: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range report.Results {
		if r.Outcome == Fail || r.Outcome == Error {
			t.Errorf("%s:%d: %s: %s\n%s", r.File, r.Line, r.FullName(), r.Outcome, r.Detail)
		}
	}
	c := report.Coverage
	if !c.Meets(threshold) {
		for _, f := range c.Files {
			if f.NotCovered > 0 {
				t.Logf("%s: %s%%, lines not covered: %v", f.File, FormatPercent(f.Percent()), f.Missed)
			}
		}
		t.Errorf("coverage of the policies is %s%%, below %d%%", FormatPercent(c.Percent()), threshold)
	}
	t.Logf("%d Rego tests; coverage %s%% (%d of %d lines)", len(report.Results), FormatPercent(c.Percent()), c.Covered, c.Covered+c.NotCovered)
}

// TestFailureShowsTheDifference: a failed comparison of two values names each by
// what the test wrote (as opa test --var-values does) and shows what differs, as a
// diff of the two values whole, however long they are.
func TestFailureShowsTheDifference(t *testing.T) {
	const policy = `package demo

result := {"status": "met", "message": "Prüm DNA exchange: authorised since 2015-11-10 (a long message that a truncated value would hide)", "paths": ["prum.dna", "participation.eu"]}
`
	const tests = `package demo_test

import data.demo

_ids := {"a", "b"}

_statuses := {"x"}

_paths := ["prum.dna", "participation.eu"]

test_whole_object if {
	demo.result == {"status": "gap", "message": "Prüm DNA exchange: authorised since 2015-11-10 (a long message that a truncated value would hide)", "paths": _paths} with input as {"country": "BE"}
}

test_names if {
	count(_statuses) == 1
	_ids == {"a", "c"}
}

test_scalars if {
	demo.result.status == "gap"
}
`
	src := demoSource(map[string]string{"demo/demo.rego": policy, "demo/demo_test.rego": tests})
	report, err := Test(context.Background(), []checker.PolicySource{src}, TestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"test_whole_object": `failed at fx/demo/demo_test.rego:12:
  demo.result == {"status": "gap", "message": "Prüm DNA exchange: authorised since 2015-11-10 (a long message that a truncated value would hide)", "paths": _paths} with input as {"country": "BE"}
  |                                                                                                                                                         |
  |                                                                                                                                                         ["prum.dna", "participation.eu"]
  {"message": "Prüm DNA exchange: authorised since 2015-11-10 ...

  demo.result (-want +got):
    {
      "message": "Prüm DNA exchange: authorised since 2015-11-10 (a long message that a truncated value would hide)",
      "paths": [
        "prum.dna",
        "participation.eu"
      ],
  -   "status": "gap"
  +   "status": "met"
    }`,
		"test_names": `failed at fx/demo/demo_test.rego:17:
  _ids == {"a", "c"}
  |
  {"a", "b"}

  _ids (-want +got):
    [
      "a",
  -   "c"
  +   "b"
    ]`,
		"test_scalars": `failed at fx/demo/demo_test.rego:21:
  demo.result.status == "gap"
  |
  "met"`,
	}
	got := map[string]string{}
	for _, r := range report.Results {
		got[r.Name] = r.Detail
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("details (-want +got):\n%s", diff)
	}
}
