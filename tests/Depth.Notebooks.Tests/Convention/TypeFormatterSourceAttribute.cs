namespace Depth.Notebooks.Tests.Convention;

/// <summary>Same name as .NET Interactive's attribute, different namespace: the engine must match it by name.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;
}
