namespace Identomat.Sdk;

/// <summary>
/// An attachment question (<c>attachment</c>, user questionnaire only): files shared with the user, preset through
/// <see cref="Answer"/> or uploaded by the operator during the session.
/// </summary>
public sealed record AttachmentQuestion : FilesQuestion
{
    /// <summary>The question's <c>type</c>: <c>attachment</c>.</summary>
    public const string TypeName = "attachment";

    private readonly IReadOnlyList<string>? _answer;

    /// <summary>Creates the question with nothing set.</summary>
    public AttachmentQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>allowOperatorUpload</c>: true, the operator uploads files per session; false, files come from the configuration or the API only.</summary>
    /// <value>Server default: true.</value>
    [JsonPropertyName("allowOperatorUpload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowOperatorUpload { get; init; }

    /// <summary><c>allowOperatorOverride</c>: the operator may still change the files after the user confirms the questionnaire.</summary>
    /// <value>Server default: true.</value>
    [JsonPropertyName("allowOperatorOverride"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowOperatorOverride { get; init; }

    /// <summary><c>answer</c>: the ids of files attached in advance.</summary>
    [JsonPropertyName(WireNames.Answer), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Answer { get => _answer; init => _answer = ValueList<string>.From(value); }
}
