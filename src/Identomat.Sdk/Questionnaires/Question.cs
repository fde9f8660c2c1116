using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>
/// A question of a user or operator questionnaire. On the wire every question starts with its <c>type</c> and
/// <c>key</c>. Question types the SDK does not know are read as <see cref="UnknownQuestion"/> and written back unchanged.
/// </summary>
public abstract record Question : WireObject
{
    internal static readonly WireCodec<IReadOnlyList<Question>?> ListCodec = WireCodecs.ListOf(new PolymorphicCodec<Question>(
        new(StringComparer.Ordinal)
        {
            [StringQuestion.TypeName] = (e, c, p) => StringQuestion.Wire.Read(e, c, p),
            [MultipleChoiceQuestion.TypeName] = (e, c, p) => MultipleChoiceQuestion.Wire.Read(e, c, p),
            [OptionsQuestion.TypeName] = (e, c, p) => OptionsQuestion.Wire.Read(e, c, p),
            [DropdownQuestion.TypeName] = (e, c, p) => DropdownQuestion.Wire.Read(e, c, p),
            [FileQuestion.TypeName] = (e, c, p) => FileQuestion.Wire.Read(e, c, p),
            [AttachmentQuestion.TypeName] = (e, c, p) => AttachmentQuestion.Wire.Read(e, c, p),
        },
        (e, c, p) => UnknownQuestion.Wire.Read(e, c, p)));

    private protected Question(string type) => Type = type;

    /// <summary><c>type</c>: the question's discriminator, e.g. <c>multiple-choice</c>.</summary>
    public string Type { get; private protected init; }

    /// <summary><c>key</c>: the question's identifier, unique within its questionnaire; answers refer to it.</summary>
    /// <value>Required by validation.</value>
    public string? Key { get; init; }

    /// <summary><c>title</c>: the question's label, per language.</summary>
    public LocalizedText? Title { get; init; }

    /// <summary><c>mandatory</c>: the question must be answered before the questionnaire can be confirmed.</summary>
    /// <value>Server default: false.</value>
    public bool? Mandatory { get; init; }

    /// <summary><c>showConditions</c>: show the question only when an earlier question has a given answer.</summary>
    /// <value>Server default: always shown.</value>
    public ShowCondition? ShowConditions { get; init; }

    /// <summary>The question's type and key: never values.</summary>
    private protected override string Describe() => $"type = {Type}, key = {Key}";

    /// <summary>The common head of every question: <c>type</c>, <c>key</c>, <c>title</c>, <c>mandatory</c>, <c>showConditions</c>.</summary>
    private protected static WireShape<T> QuestionShape<T>(Func<T> create, Func<T, string?, T>? setType = null)
        where T : Question =>
        new WireShape<T>(create)
            .String("type", x => x.Type, setType ?? ((x, _) => x))
            .String("key", x => x.Key, (x, v) => (T)((Question)x with { Key = v }))
            .Add("title", TextCodec.Instance, x => x.Title, (x, v) => (T)((Question)x with { Title = v }))
            .Bool("mandatory", x => x.Mandatory, (x, v) => (T)((Question)x with { Mandatory = v }))
            .Add("showConditions", ShowCondition.Codec, x => x.ShowConditions, (x, v) => (T)((Question)x with { ShowConditions = v }));
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
    public IReadOnlyList<QuestionOption>? Options { get => _options; init => _options = ValueList<QuestionOption>.From(value); }

    private protected static WireShape<T> ChoiceShape<T>(Func<T> create)
        where T : ChoiceQuestion =>
        QuestionShape(create)
            .Add("options", QuestionOption.ListCodec, x => x.Options, (x, v) => (T)((ChoiceQuestion)x with { Options = v }));
}

/// <summary>A short-text question (<c>string</c>).</summary>
public sealed record StringQuestion : Question
{
    /// <summary>The question's <c>type</c>: <c>string</c>.</summary>
    public const string TypeName = "string";

    internal static readonly WireShape<StringQuestion> Wire = QuestionShape(() => new StringQuestion())
        .Bool("readOnly", x => x.ReadOnly, (x, v) => x with { ReadOnly = v })
        .Add("answer", TextCodec.Instance, x => x.Answer, (x, v) => x with { Answer = v });

    /// <summary>Creates the question with nothing set.</summary>
    public StringQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>readOnly</c>: show the question and its answer without letting them be changed.</summary>
    /// <value>Server default: false.</value>
    public bool? ReadOnly { get; init; }

    /// <summary>
    /// <c>answer</c>: a preset answer, per language, or one text for every language (<see cref="LocalizedText.Plain"/>,
    /// written as a bare string).
    /// </summary>
    public LocalizedText? Answer { get; init; }

    private protected override IWireShape Shape => Wire;
}

/// <summary>A checkbox question (<c>multiple-choice</c>): any number of options may be chosen.</summary>
public sealed record MultipleChoiceQuestion : ChoiceQuestion
{
    /// <summary>The question's <c>type</c>: <c>multiple-choice</c>.</summary>
    public const string TypeName = "multiple-choice";

    internal static readonly WireShape<MultipleChoiceQuestion> Wire = ChoiceShape(() => new MultipleChoiceQuestion())
        .Bool("readOnly", x => x.ReadOnly, (x, v) => x with { ReadOnly = v })
        .Add("answer", WireCodecs.Strings, x => x.Answer, (x, v) => x with { Answer = v });

    private readonly IReadOnlyList<string>? _answer;

    /// <summary>Creates the question with nothing set.</summary>
    public MultipleChoiceQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>readOnly</c>: show the question and its answer without letting them be changed.</summary>
    /// <value>Server default: false.</value>
    public bool? ReadOnly { get; init; }

    /// <summary><c>answer</c>: preset option keys, each one of this question's options.</summary>
    public IReadOnlyList<string>? Answer { get => _answer; init => _answer = ValueList<string>.From(value); }

    private protected override IWireShape Shape => Wire;
}

/// <summary>A radio-button question (<c>options</c>): exactly one option is chosen.</summary>
public sealed record OptionsQuestion : ChoiceQuestion
{
    /// <summary>The question's <c>type</c>: <c>options</c>.</summary>
    public const string TypeName = "options";

    internal static readonly WireShape<OptionsQuestion> Wire = ChoiceShape(() => new OptionsQuestion())
        .Bool("readOnly", x => x.ReadOnly, (x, v) => x with { ReadOnly = v })
        .String("answer", x => x.Answer, (x, v) => x with { Answer = v });

    /// <summary>Creates the question with nothing set.</summary>
    public OptionsQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>readOnly</c>: show the question and its answer without letting them be changed.</summary>
    /// <value>Server default: false.</value>
    public bool? ReadOnly { get; init; }

    /// <summary><c>answer</c>: the key of the preset option, one of this question's options.</summary>
    public string? Answer { get; init; }

    private protected override IWireShape Shape => Wire;
}

/// <summary>A dropdown question (<c>dropdown</c>): one option, or several when <see cref="Multiple"/> is true. No preset answer.</summary>
public sealed record DropdownQuestion : ChoiceQuestion
{
    /// <summary>The question's <c>type</c>: <c>dropdown</c>.</summary>
    public const string TypeName = "dropdown";

    internal static readonly WireShape<DropdownQuestion> Wire = ChoiceShape(() => new DropdownQuestion())
        .Bool("multiple", x => x.Multiple, (x, v) => x with { Multiple = v });

    /// <summary>Creates the question with nothing set.</summary>
    public DropdownQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>multiple</c>: several options may be chosen.</summary>
    /// <value>Server default: false.</value>
    public bool? Multiple { get; init; }

    private protected override IWireShape Shape => Wire;
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
    public LocalizedText? Description { get; init; }

    /// <summary><c>fileTypes</c>: the file types accepted; a non-empty subset of <see cref="FileType.Pdf"/> and <see cref="FileType.Image"/>.</summary>
    /// <value>Server default: both.</value>
    public IReadOnlyList<FileType>? FileTypes { get => _fileTypes; init => _fileTypes = ValueList<FileType>.From(value); }

    /// <summary><c>filesMaxCount</c>: the most files accepted, 1 to 10.</summary>
    /// <value>Server default: 10.</value>
    public int? FilesMaxCount { get; init; }

    private protected static WireShape<T> FilesShape<T>(Func<T> create)
        where T : FilesQuestion =>
        QuestionShape(create)
            .Add("description", TextCodec.Instance, x => x.Description, (x, v) => (T)((FilesQuestion)x with { Description = v }))
            .Add("fileTypes", WireCodecs.FileTypes, x => x.FileTypes, (x, v) => (T)((FilesQuestion)x with { FileTypes = v }))
            .Add("filesMaxCount", WireCodecs.Int, x => x.FilesMaxCount, (x, v) => (T)((FilesQuestion)x with { FilesMaxCount = v }));
}

/// <summary>A file-upload question (<c>file</c>). No preset answer.</summary>
public sealed record FileQuestion : FilesQuestion
{
    /// <summary>The question's <c>type</c>: <c>file</c>.</summary>
    public const string TypeName = "file";

    internal static readonly WireShape<FileQuestion> Wire = FilesShape(() => new FileQuestion());

    /// <summary>Creates the question with nothing set.</summary>
    public FileQuestion()
        : base(TypeName)
    {
    }

    private protected override IWireShape Shape => Wire;
}

/// <summary>
/// An attachment question (<c>attachment</c>, user questionnaire only): files shared with the user, preset through
/// <see cref="Answer"/> or uploaded by the operator during the session.
/// </summary>
public sealed record AttachmentQuestion : FilesQuestion
{
    /// <summary>The question's <c>type</c>: <c>attachment</c>.</summary>
    public const string TypeName = "attachment";

    internal static readonly WireShape<AttachmentQuestion> Wire = FilesShape(() => new AttachmentQuestion())
        .Bool("allowOperatorUpload", x => x.AllowOperatorUpload, (x, v) => x with { AllowOperatorUpload = v })
        .Bool("allowOperatorOverride", x => x.AllowOperatorOverride, (x, v) => x with { AllowOperatorOverride = v })
        .Add("answer", WireCodecs.Strings, x => x.Answer, (x, v) => x with { Answer = v });

    private readonly IReadOnlyList<string>? _answer;

    /// <summary>Creates the question with nothing set.</summary>
    public AttachmentQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>allowOperatorUpload</c>: true, the operator uploads files per session; false, files come from the configuration or the API only.</summary>
    /// <value>Server default: true.</value>
    public bool? AllowOperatorUpload { get; init; }

    /// <summary><c>allowOperatorOverride</c>: the operator may still change the files after the user confirms the questionnaire.</summary>
    /// <value>Server default: true.</value>
    public bool? AllowOperatorOverride { get; init; }

    /// <summary><c>answer</c>: the ids of files attached in advance.</summary>
    public IReadOnlyList<string>? Answer { get => _answer; init => _answer = ValueList<string>.From(value); }

    private protected override IWireShape Shape => Wire;
}

/// <summary>
/// A question of a type this version of the SDK does not know. Everything but the common head is kept in
/// <see cref="WireObject.AdditionalProperties"/>, so reading and writing it again loses nothing.
/// </summary>
public sealed record UnknownQuestion : Question
{
    internal static readonly WireShape<UnknownQuestion> Wire = QuestionShape(() => new UnknownQuestion(string.Empty), (x, v) => x with { Type = v ?? string.Empty });

    /// <summary>Creates a question of the given type.</summary>
    /// <param name="type">The question's <c>type</c> discriminator.</param>
    public UnknownQuestion(string type)
        : base(type ?? throw new ArgumentNullException(nameof(type)))
    {
    }

    private protected override IWireShape Shape => Wire;
}
