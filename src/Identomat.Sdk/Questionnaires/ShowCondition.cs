namespace Identomat.Sdk;

/// <summary>
/// <c>showConditions</c> of a question: show it only when an earlier question of the same questionnaire has the
/// given answer (an option key, or the exact text of a string question).
/// </summary>
public sealed record ShowCondition : WireObject
{

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

    /// <summary><c>questionKey</c>: the key of the controlling, earlier question.</summary>
    /// <value>Required by validation.</value>
    [JsonPropertyName(WireNames.QuestionKey), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? QuestionKey { get; init; }

    /// <summary><c>answer</c>: the option key, or the exact text for a string question, that shows the question.</summary>
    /// <value>Required by validation.</value>
    [JsonPropertyName(WireNames.Answer), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Answer { get; init; }

    private protected override string Describe() => $"questionKey = {QuestionKey}";
}
