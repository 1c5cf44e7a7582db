// Package policy is gapcheck's machinery over OPA: reading the Rego bundle from its
// sources, parsing it as Rego v1, compiling it in strict mode with gapcheck's
// capabilities, reading the catalogue of recommendations from package METADATA,
// and turning OPA's errors into positioned [Error]s.
//
// Both the checker library (which evaluates profiles) and the policy author's tools
// (test, lint, fmt) use it, so that a policy compiles the same way everywhere. It is
// internal: the checker package re-exports the few types a library user meets
// ([Source], [Error], [Errors], [Recommendation], [Resource]).
package policy
