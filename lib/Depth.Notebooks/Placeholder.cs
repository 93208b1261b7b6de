namespace Depth.Notebooks;
internal static class Temp { }
