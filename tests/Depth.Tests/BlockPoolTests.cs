using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary><see cref="BlockPool"/>: a returned block is handed out again (its pages are already faulted in), never
/// while it is in use.</summary>
[Collection(nameof(Serial))]
public class BlockPoolTests
{
    private const long Count = 1L << 20;   // 4 MiB of floats

    [Fact]
    public void AReturnedBlockIsRentedAgain()
    {
        var first = BlockPool.Rent(Count, ScalarType.Float32);
        BlockPool.Return(first);
        var again = BlockPool.Rent(Count / 2, ScalarType.Float32);      // a smaller request reuses it too
        try { Assert.Same(first, again); }
        finally { BlockPool.Return(again); }
    }

    [Fact]
    public void ABlockInUseIsNotHandedOutTwice()
    {
        var first = BlockPool.Rent(Count, ScalarType.Float32);
        var second = BlockPool.Rent(Count, ScalarType.Float32);
        try { Assert.NotSame(first, second); }
        finally
        {
            BlockPool.Return(second);
            BlockPool.Return(first);
        }
    }
}
