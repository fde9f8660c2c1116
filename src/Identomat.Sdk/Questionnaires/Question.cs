using System.Text.Json.Serialization;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>
/// A question of a user or operator questionnaire. On the wire every question starts with its <c>type</c> and
/// <c>key</c>. Question types the SDK does not know are read as <see cref="UnknownQuestion"/> and written back unchanged.
/// </summary>
[JsonConverter(typeof(QuestionConverter))]
public abstract record Question : WireObject
{
    private protected Question(string type) => Type = type;

    /// <summary><c>type</c>: the question's discriminator, e.g. <c>multiple-choice</c>.</summary>
    [JsonPropertyName(WireNames.Type), JsonPropertyOrder(-100)]
    public string Type { get; private protected init; }

    /// <summary><c>key</c>: the question's identifier, unique within its questionnaire; answers refer to it.</summary>
    /// <value>Required by validation.</value>
    [JsonPropertyName(WireNames.Key), JsonPropertyOrder(-99), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    /// <summary><c>title</c>: the question's label, per language.</summary>
    [JsonPropertyName(WireNames.Title), JsonPropertyOrder(-98), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Title { get; init; }

    /// <summary><c>mandatory</c>: the question must be answered before the questionnaire can be confirmed.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("mandatory"), JsonPropertyOrder(-97), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Mandatory { get; init; }

    /// <summary><c>showConditions</c>: show the question only when an earlier question has a given answer.</summary>
    /// <value>Server default: always shown.</value>
    [JsonPropertyName(WireNames.ShowConditions), JsonPropertyOrder(-96), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(WireObjectConverterFactory))]
    public ShowCondition? ShowConditions { get; init; }

    /// <summary>The question's type and key: never values.</summary>
    private protected override string Describe() => $"type = {Type}, key = {Key}";
}

/// <summary>A question whose answer is chosen from <see cref="Options"/>: checkboxes, radio buttons or a dropdown.</summary>
public abstract record ChoiceQuestion : Question
{
    private readonly IReadOnlyList<QuestionOption>? _options;

    private protected ChoiceQuestion(string type)
        : base(type)
    {
    }

    /// <summary><c>options</c>: the choices. Option keys must be unique across the whole questionnaire.</summary>
    /// <value>Validation requires at least one.</value>
    [JsonPropertyName(WireNames.Options), JsonPropertyOrder(-50), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<QuestionOption>? Options { get => _options; init => _options = ValueList<QuestionOption>.From(value); }
}

/// <summary>A short-text question (<c>string</c>).</summary>
public sealed record StringQuestion : Question
{
    /// <summary>The question's <c>type</c>: <c>string</c>.</summary>
    public const string TypeName = "string";

    /// <summary>Creates the question with nothing set.</summary>
    public StringQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>readOnly</c>: show the question and its answer without letting them be changed.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("readOnly"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ReadOnly { get; init; }

    /// <summary>
    /// <c>answer</c>: a preset answer, per language, or one text for every language (<see cref="LocalizedText.Plain"/>,
    /// written as a bare string).
    /// </summary>
    [JsonPropertyName(WireNames.Answer), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Answer { get; init; }
}

/// <summary>A checkbox question (<c>multiple-choice</c>): any number of options may be chosen.</summary>
public sealed record MultipleChoiceQuestion : ChoiceQuestion
{
    /// <summary>The question's <c>type</c>: <c>multiple-choice</c>.</summary>
    public const string TypeName = "multiple-choice";

    private readonly IReadOnlyList<string>? _answer;

    /// <summary>Creates the question with nothing set.</summary>
    public MultipleChoiceQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>readOnly</c>: show the question and its answer without letting them be changed.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("readOnly"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ReadOnly { get; init; }

    /// <summary><c>answer</c>: preset option keys, each one of this question's options.</summary>
    [JsonPropertyName(WireNames.Answer), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Answer { get => _answer; init => _answer = ValueList<string>.From(value); }
}

/// <summary>A radio-button question (<c>options</c>): exactly one option is chosen.</summary>
public sealed record OptionsQuestion : ChoiceQuestion
{
    /// <summary>The question's <c>type</c>: <c>options</c>.</summary>
    public const string TypeName = "options";

    /// <summary>Creates the question with nothing set.</summary>
    public OptionsQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>readOnly</c>: show the question and its answer without letting them be changed.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("readOnly"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ReadOnly { get; init; }

    /// <summary><c>answer</c>: the key of the preset option, one of this question's options.</summary>
    [JsonPropertyName(WireNames.Answer), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Answer { get; init; }
}

/// <summary>A dropdown question (<c>dropdown</c>): one option, or several when <see cref="Multiple"/> is true. No preset answer.</summary>
public sealed record DropdownQuestion : ChoiceQuestion
{
    /// <summary>The question's <c>type</c>: <c>dropdown</c>.</summary>
    public const string TypeName = "dropdown";

    /// <summary>Creates the question with nothing set.</summary>
    public DropdownQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>multiple</c>: several options may be chosen.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("multiple"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Multiple { get; init; }
}

/// <summary>A question answered with files: <see cref="FileQuestion"/> and <see cref="AttachmentQuestion"/>.</summary>
public abstract record FilesQuestion : Question
{
    private readonly IReadOnlyList<FileType>? _fileTypes;

    private protected FilesQuestion(string type)
        : base(type)
    {
    }

    /// <summary><c>description</c>: text under the title, per language.</summary>
    [JsonPropertyName(WireNames.Description), JsonPropertyOrder(-50), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Description { get; init; }

    /// <summary><c>fileTypes</c>: the file types accepted; a non-empty subset of <see cref="FileType.Pdf"/> and <see cref="FileType.Image"/>.</summary>
    /// <value>Server default: both.</value>
    [JsonPropertyName(WireNames.FileTypes), JsonPropertyOrder(-49), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FileType>? FileTypes { get => _fileTypes; init => _fileTypes = ValueList<FileType>.From(value); }

    /// <summary><c>filesMaxCount</c>: the most files accepted, 1 to 10.</summary>
    /// <value>Server default: 10.</value>
    [JsonPropertyName(WireNames.FilesMaxCount), JsonPropertyOrder(-48), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? FilesMaxCount { get; init; }
}

/// <summary>A file-upload question (<c>file</c>). No preset answer.</summary>
public sealed record FileQuestion : FilesQuestion
{
    /// <summary>The question's <c>type</c>: <c>file</c>.</summary>
    public const string TypeName = "file";

    /// <summary>Creates the question with nothing set.</summary>
    public FileQuestion()
        : base(TypeName)
    {
    }
}

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
