namespace Depth;
internal static class Temp { }
