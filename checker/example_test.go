package checker_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// Evaluate one profile with the embedded policies and print two of its findings.
func Example() {
	loader, err := checker.NewLoader()
	if err != nil {
		log.Fatal(err)
	}
	profile, err := loader.LoadFile(os.DirFS("testdata"), "belgium.yaml")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := checker.NewEngine(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	report, err := engine.Evaluate(context.Background(), profile)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("at", report.At)
	for _, f := range report.Findings {
		if f.ID == "prum-dna" || f.ID == "national-ftf-database" {
			fmt.Printf("%s %s %s: %s\n", f.Location, f.ID, f.Status, f.Message)
		}
	}
	// Output:
	// at 2016-03-01
	// belgium.yaml:149:3 national-ftf-database gap: Shared foreign-fighter database: none (inferred)
	// belgium.yaml:68:3 prum-dna met: Prüm DNA exchange: operational
}

// A profile that does not validate comes back as a *ValidationError whose problems
// carry file, line and column.
func ExampleLoader_Load() {
	loader, err := checker.NewLoader()
	if err != nil {
		log.Fatal(err)
	}
	_, err = loader.Load("draft.yaml", strings.NewReader(`country: BE
name: Belgium
as_of: 2016-03-01
sources:
  - id: P10
    title: Council Implementing Decision (EU) 2015/2050
    url: https://example.org/2015-2050
participation:
  eu: {status: member, since: 1958-01-01, sources: [P10]}
  schengen: {status: full, since: 1995-03-26, sources: [P10]}
prum:
  fingerprints:
    status: maybe
`))
	fmt.Println(err)
	// Output:
	// draft.yaml:13:13: prum.fingerprints.status: invalid value "maybe"; want one of operational, authorised, not_operational, unknown
}

// The catalogue comes from the policies' METADATA.
func ExampleEngine_Recommendations() {
	engine, err := checker.NewEngine(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range engine.Recommendations() {
		if r.ID == "prum-dna" || r.ID == "pnr-piu" {
			fmt.Printf("%s (%s, deadline %s): %s\n", r.ID, r.Severity, r.Deadline, r.Title)
		}
	}
	// Output:
	// pnr-piu (high, deadline 2018-05-25): Passenger Information Unit operational
	// prum-dna (high, deadline 2011-08-26): Prüm automated DNA exchange operational
}
