using System.Runtime.CompilerServices;

// The site tests check formatted durations and escaping with the same helpers the pages use.
[assembly: InternalsVisibleTo("Depth.Notebooks.Tests")]
