using static TorchSharp.torch;

namespace Depth;

/// <summary>Walks a module tree in registration (forward) order.</summary>
public static class ModuleTree
{
    /// <summary>
    /// The module itself (named "") and then every descendant, depth first, children in the order they were registered:
    /// for an <see cref="Mlp"/> that is layers.0 … layers.L−1, norms…, output — the forward order. (TorchSharp's
    /// <c>named_modules()</c> omits the root and lists all direct children before any grandchild, so a layer stack
    /// inside a <c>ModuleList</c> would come after the read-out.)
    /// </summary>
    public static IEnumerable<(string Name, nn.Module Module)> DepthFirst(nn.Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var stack = new Stack<(string, nn.Module)>();
        stack.Push(("", root));
        while (stack.Count > 0)
        {
            var (name, module) = stack.Pop();
            yield return (name, module);
            var children = module.named_children().ToList();
            for (int i = children.Count - 1; i >= 0; i--)   // reversed, so the first child is visited first
                stack.Push((name.Length == 0 ? children[i].name : $"{name}.{children[i].name}", children[i].module));
        }
    }
}
