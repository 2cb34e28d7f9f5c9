using Xunit;

// Every test here runs a whole lab, and a host holds one lab at a time (its namespaces, the internet namespace zl-inet,
// its registry port, `lab up` cleaning what a previous lab left): the test classes must not run side by side.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
