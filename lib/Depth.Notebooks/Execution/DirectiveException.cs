namespace Depth.Notebooks.Execution;

/// <summary>A notebook directive (<c>#r</c>, <c>#!</c>, …) the engine cannot honour; the message says why.</summary>
public sealed class DirectiveException(string message) : Exception(message);
