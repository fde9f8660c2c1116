namespace Identomat.Sdk;

/// <summary>
/// A step of a type this version of the SDK does not know. Everything but <c>type</c> and <c>key</c> is kept in
/// <see cref="WireObject.AdditionalProperties"/>, so reading and writing it again loses nothing.
/// </summary>
public sealed record UnknownStep : Step
{
    /// <summary>Creates a step of the given type.</summary>
    /// <param name="type">The step's <c>type</c> discriminator.</param>
    public UnknownStep(string type)
        : base(type ?? throw new ArgumentNullException(nameof(type)), defaultKey: null)
    {
    }
}
