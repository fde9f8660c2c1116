using Identomat.Sdk.Serialization;

namespace Identomat.Sdk;

/// <summary>A choice of a <see cref="ChoiceQuestion"/>: <c>{"key": "opt_a", "title": {"en": "Option A"}}</c>.</summary>
public sealed record QuestionOption : WireObject
{
    private static readonly WireShape<QuestionOption> Wire = new WireShape<QuestionOption>(() => new())
        .String("key", x => x.Key, (x, v) => x with { Key = v })
        .Add("title", TextCodec.Instance, x => x.Title, (x, v) => x with { Title = v });

    /// <summary>Creates an option with nothing set.</summary>
    public QuestionOption()
    {
    }

    /// <summary>Creates an option.</summary>
    /// <param name="key">The option's key, unique within the questionnaire.</param>
    /// <param name="title">The option's label.</param>
    public QuestionOption(string key, LocalizedText title)
    {
        Key = key;
        Title = title;
    }

    internal static WireCodec<IReadOnlyList<QuestionOption>?> ListCodec { get; } = WireCodecs.ListOf<QuestionOption>(Wire.Codec()!);

    /// <summary><c>key</c>: the option's identifier, unique across the whole questionnaire; answers and conditions refer to it.</summary>
    /// <value>Required by validation.</value>
    public string? Key { get; init; }

    /// <summary><c>title</c>: the option's label, per language.</summary>
    /// <value>Required by validation.</value>
    public LocalizedText? Title { get; init; }

    private protected override string Describe() => $"key = {Key}";

    private protected override IWireShape Shape => Wire;
}

/// <summary>
/// <c>showConditions</c> of a question: show it only when an earlier question of the same questionnaire has the
/// given answer (an option key, or the exact text of a string question).
/// </summary>
public sealed record ShowCondition : WireObject
{
    private static readonly WireShape<ShowCondition> Wire = new WireShape<ShowCondition>(() => new())
        .String("questionKey", x => x.QuestionKey, (x, v) => x with { QuestionKey = v })
        .String("answer", x => x.Answer, (x, v) => x with { Answer = v });

    /// <summary>Creates a condition with nothing set.</summary>
    public ShowCondition()
    {
    }

    /// <summary>Creates a condition.</summary>
    /// <param name="questionKey">The key of an earlier question of the same questionnaire.</param>
    /// <param name="answer">The option key, or the exact text for a string question, that shows this question.</param>
    public ShowCondition(string questionKey, string answer)
    {
        QuestionKey = questionKey;
        Answer = answer;
    }

    internal static WireCodec<ShowCondition?> Codec { get; } = Wire.Codec();

    /// <summary><c>questionKey</c>: the key of the controlling, earlier question.</summary>
    /// <value>Required by validation.</value>
    public string? QuestionKey { get; init; }

    /// <summary><c>answer</c>: the option key, or the exact text for a string question, that shows the question.</summary>
    /// <value>Required by validation.</value>
    public string? Answer { get; init; }

    private protected override string Describe() => $"questionKey = {QuestionKey}";

    private protected override IWireShape Shape => Wire;
}
