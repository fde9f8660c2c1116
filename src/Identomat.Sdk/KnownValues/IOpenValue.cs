namespace Identomat.Sdk;

/// <summary>
/// An open value (<see cref="LanguageCode"/>, <see cref="DocumentType"/>, …): a struct around its wire string, null only
/// for a default value. Lets validation check any of them without naming each.
/// </summary>
internal interface IOpenValue
{
    /// <summary>The value as written on the wire; null for a default value.</summary>
    string? Value { get; }
}
