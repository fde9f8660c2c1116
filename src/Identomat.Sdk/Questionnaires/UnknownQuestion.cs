namespace Identomat.Sdk;

/// <summary>
/// A question of a type this version of the SDK does not know. Everything but the common head is kept in
/// <see cref="WireObject.AdditionalProperties"/>, so reading and writing it again loses nothing.
/// </summary>
public sealed record UnknownQuestion : Question
{
    /// <summary>Creates a question of the given type.</summary>
    /// <param name="type">The question's <c>type</c> discriminator.</param>
    public UnknownQuestion(string type)
        : base(type ?? throw new ArgumentNullException(nameof(type)))
    {
    }
}
