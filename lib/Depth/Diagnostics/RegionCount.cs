namespace Depth;

/// <summary>Linear pieces that random ReLU MLPs of one depth cut a path into (see
/// <see cref="LinearRegions.AtBudget"/>).</summary>
/// <param name="Depth">Hidden layers.</param>
/// <param name="Width">Neurons per hidden layer: the largest that fits the budget.</param>
/// <param name="Neurons">Depth × Width.</param>
/// <param name="Parameters">Parameters of the network (<see
/// cref="ParameterFormulas.Mlp"/>).</param>
/// <param name="MeanRegions">Mean number of pieces over the random networks and the paths.</param>
/// <param name="MaxRegions">Largest number of pieces of one network along one path.</param>
public sealed record RegionCount(
    int Depth, int Width, int Neurons, long Parameters, double MeanRegions, int MaxRegions);
