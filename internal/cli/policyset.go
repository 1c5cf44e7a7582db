package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gapcheck/gapcheck/checker"
)

// Which policies a command uses is one rule, the same for every command
// (checker.SelectPolicies): the checkout's bundle, else the embedded one, then the
// directories given. This file finds the checkout's bundle on disk and names the
// set; diff applies the same rule to each side of a change (diff.go).

// policyRuleHelp is the rule, as the help of every command that uses policies
// says it.
const policyRuleHelp = `Which policies: one rule for every command. The bundle is the policies/ directory
of the checkout you run in (the working directory, or its nearest parent up to the
top of its git work tree, whose policies/ holds gapcheck/main/); elsewhere, the
bundle embedded in gapcheck. Each policy directory given (--policy; DIR for test
and lint) that holds a whole bundle (its own gapcheck/main/) replaces it; any other
is an add-on: its packages replace the bundle's packages of the same path, and its
own are added. The command names the set it used, "policies: embedded, gapcheck
v1.2.0", or the directories with a digest of their files, "policies: ./policies
(modified, sha256:1a2b3c4d5e6f) + ./addon (sha256:9f8e7d6c5b4a)".`

// checkoutDirs are the directories the checkout's bundle is looked for in, nearest
// first: the working directory and its parents up to the top of the git work tree
// that holds it (a directory with a .git entry); outside a git work tree, only the
// working directory.
func checkoutDirs() ([]string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("find the working directory: %w", err)
	}
	var dirs []string
	for d := wd; ; d = filepath.Dir(d) {
		dirs = append(dirs, d)
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return dirs, nil
		}
		if filepath.Dir(d) == d {
			return []string{wd}, nil
		}
	}
}

// checkoutBundle is the policies/ directory of the nearest checkout directory
// that holds a whole bundle (policies/gapcheck/main), named relative to the
// working directory; nil when none does.
func checkoutBundle() (*checker.PolicySource, error) {
	dirs, err := checkoutDirs()
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		p := filepath.Join(d, policiesDir)
		if !checker.IsPolicyBundle(os.DirFS(p)) {
			continue
		}
		name, err := filepath.Rel(dirs[0], p)
		if err != nil {
			name = p
		}
		return &checker.PolicySource{FS: os.DirFS(p), Dir: filepath.ToSlash(name)}, nil
	}
	return nil, nil
}

// selectPolicies applies the rule to the directories a command was given (already
// checked to be directories).
func selectPolicies(given []checker.PolicySource) (*checker.PolicySet, error) {
	checkout, err := checkoutBundle()
	if err != nil {
		return nil, err
	}
	return checker.SelectPolicies(checker.PolicySelection{Checkout: checkout, Dirs: given, Version: toolVersion()})
}

// policySet is selectPolicies for --policy directories.
func policySet(dirs []string) (*checker.PolicySet, error) {
	given, err := policyDirSources(dirs)
	if err != nil {
		return nil, err
	}
	return selectPolicies(given)
}

// policiesLine is how text output names the policies of a run.
func policiesLine(set *checker.PolicySet) string { return "policies: " + set.Name }

// writePoliciesLine writes policiesLine as a line of its own.
func writePoliciesLine(w io.Writer, set *checker.PolicySet) error {
	_, err := fmt.Fprintln(w, policiesLine(set))
	return err
}
