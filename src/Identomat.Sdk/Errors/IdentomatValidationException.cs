namespace Identomat.Sdk;

/// <summary>
/// A session request (or a flow read from JSON) is invalid. Nothing was serialized or sent. <see cref="Errors"/>
/// lists the problems, each with its JSON path: every broken rule of a flow (validation), or the first value of a
/// flow read from JSON that could not be read (the reader stops there).
/// </summary>
public sealed class IdentomatValidationException : IdentomatException
{
    private const int ProblemsInMessage = 10;

    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="errors">The problems; at least one.</param>
    public IdentomatValidationException(IReadOnlyList<ValidationError> errors)
        : this(errors, innerException: null)
    {
    }

    /// <summary>Creates the exception from the problems found, with their cause.</summary>
    /// <param name="errors">The problems; at least one.</param>
    /// <param name="innerException">The cause, e.g. the JSON parser's error.</param>
    public IdentomatValidationException(IReadOnlyList<ValidationError> errors, Exception? innerException)
        : base(Format(errors), innerException) =>
        Errors = errors;

    /// <summary>Every problem found, in document order, each with its JSON path.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    private static string Format(IReadOnlyList<ValidationError> errors)
    {
        if (errors is null || errors.Count == 0)
        {
            throw new ArgumentException("At least one validation error is required.", nameof(errors));
        }

        var shown = string.Join("; ", errors.Take(ProblemsInMessage));
        var more = errors.Count > ProblemsInMessage ? $"; and {errors.Count - ProblemsInMessage} more" : string.Empty;
        return $"The session request is invalid ({errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}): {shown}{more}.";
    }
}

/// <summary>One problem with a session request: where it is, as a JSON path, and what is wrong.</summary>
/// <param name="Path">The JSON path of the offending value, e.g. <c>steps[3].questions[2].showConditions.questionKey</c>; <c>$</c> for the root.</param>
/// <param name="Message">What is wrong, for a person. Names keys and types, never free-text values.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
