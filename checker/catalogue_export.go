package checker

// Catalogue reads the recommendations from the package METADATA of the set's modules
// and checks the metadata contract (title, description, related_resources, custom
// severity, legal_basis, reads, and a deadline as YYYY-MM-DD where one is given),
// as [NewEngine] does. The recommendations are sorted by id; every breach of the
// contract is a PolicyError positioned on the METADATA block or the package.
// Test packages are skipped.
func (s *PolicySet) Catalogue() ([]Recommendation, PolicyErrors) {
	return catalogue(s.Sorted())
}
