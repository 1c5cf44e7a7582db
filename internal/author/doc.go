// Package author is the policy author's toolkit behind `gapcheck test`, `fmt`,
// `lint` and `docs`: it works on [checker.PolicySource]s, so on the embedded
// policies and on directories on disk alike, and returns values and typed errors
// for the commands to print.
//
//   - [Test] runs the Rego tests with OPA's test runner, compiled as gapcheck
//     compiles policies (Rego v1, strict mode, gapcheck's capabilities), and
//     measures coverage of the policy files, unrounded, for a threshold.
//   - [Format] finds, and rewrites atomically, the files `opa fmt` would change.
//   - [Lint] checks what a reviewer checks: the strict compile, the layout (package
//     path = directory, a _test.rego beside every recommendation), the METADATA
//     contract, and that every profile path a policy names is in its custom.reads
//     and in the profile schema.
//   - [Docs] writes the Markdown reference of the catalogue from the METADATA.
//
// Nothing here exits the process or reads flags or configuration.
package author
