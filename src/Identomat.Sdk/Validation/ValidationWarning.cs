namespace Identomat.Sdk;

/// <summary>
/// Something in a valid flow that is probably a mistake: it never blocks <see cref="SessionBuilder.Build"/> or sending
/// (the vendor may know a type the SDK does not), but it is worth a look.
/// </summary>
/// <param name="Path">The JSON path of the value, e.g. <c>steps[2].type</c>.</param>
/// <param name="Message">What looks wrong, for a person.</param>
/// <param name="Suggestion">The value probably meant (a known type), when there is a likely one.</param>
public sealed record ValidationWarning(string Path, string Message, string? Suggestion = null)
{
    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
