// Package checker turns sourced state profiles into gap reports.
//
// The flow is Profile -> Findings -> Report:
//
//   - A [Loader] reads a profile (YAML), rejects what is not a single well-formed
//     mapping, validates it against the profile JSON Schema and the source rules
//     (every cited source declared, every declared source cited) and keeps the
//     position of every node, so that any later message can name file:line:column.
//   - An [Engine] compiles the Rego policies once (Rego v1, strict mode, with
//     capabilities that refuse builtins reaching outside the process) into one
//     prepared query on a single entrypoint, data.gapcheck.main.findings. Go never
//     lists rule names: the recommendations and their metadata (title, severity,
//     legal basis, sources) come from the policies' METADATA annotations.
//   - [SelectPolicies] applies the one rule for which policies judge a run (a
//     checkout's bundle, else the embedded one, then the directories given, a whole
//     bundle replacing, any other adding to it) and names the set ([PolicySet]: its
//     layers and a digest of their files), so that every output can say which
//     policies made it. [WithPolicySet] compiles it; [Engine.WriteBundle] writes it,
//     with the data the policies read, as a bundle that stock OPA serves.
//   - [Engine.Evaluate] and [Engine.EvaluateAll] run that query over profiles,
//     concurrently and with a per-profile time limit, and return one [Report] per
//     profile: a [Finding] for every recommendation (met ones too), each with its
//     status, message, the profile facts it rests on and their positions, and a
//     [Summary].
//   - [NewOverview] builds the EU-wide picture over many reports: states ranked by
//     the share of applicable recommendations met (with the share that rests on
//     evidence), the matrix of states by recommendations, and the weakest links.
//   - [LoadWaivers] reads a waivers file (recommendation, country, justification,
//     owner, expiry) and [Waivers.Apply] turns matching gaps into waived findings,
//     reporting expired and orphaned waivers.
//   - [Compare] diffs the reports of two versions of the profiles (a git base and
//     the working tree): gaps opened and closed, status changes, recommendations
//     and profiles added or removed, and which changes made a finding worse.
//
// The package is a library: it does no I/O beyond the readers and file systems it
// is given, holds no global state, never exits the process, and returns typed
// errors ([*FileError], [*ValidationError], [*PolicyError]).
package checker
