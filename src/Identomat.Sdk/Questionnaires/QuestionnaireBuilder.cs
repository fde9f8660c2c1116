namespace Identomat.Sdk;

/// <summary>
/// Adds questions to a questionnaire. Each question takes its key and title; a delegate may set the rest through a
/// <c>with</c> expression, e.g. <c>q =&gt; q with { Mandatory = true, ShowConditions = new("employment", "employed") }</c>.
/// </summary>
/// <typeparam name="TSelf">The concrete builder, returned for chaining.</typeparam>
public abstract class QuestionnaireBuilder<TSelf>
    where TSelf : QuestionnaireBuilder<TSelf>
{
    private readonly List<Question> _questions = new();
    private LocalizedText? _description;

    private protected QuestionnaireBuilder()
    {
    }

    /// <summary>Sets the text under the questionnaire's title (<c>description</c>).</summary>
    /// <param name="description">The text; a plain string is English.</param>
    /// <returns>This builder.</returns>
    public TSelf Description(LocalizedText description)
    {
        _description = description;
        return (TSelf)this;
    }

    /// <summary>Adds a question record as it is, e.g. an <see cref="UnknownQuestion"/>.</summary>
    /// <param name="question">The question.</param>
    /// <returns>This builder.</returns>
    public TSelf Add(Question question)
    {
        _questions.Add(question ?? throw new ArgumentNullException(nameof(question)));
        return (TSelf)this;
    }

    /// <summary>Adds a short-text question (<c>string</c>).</summary>
    /// <param name="key">The question key.</param>
    /// <param name="title">The question's label.</param>
    /// <param name="configure">Sets the rest of the question; nothing when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddText(string key, LocalizedText title, Func<StringQuestion, StringQuestion>? configure = null) =>
        Add(new StringQuestion { Key = key, Title = title }, configure);

    /// <summary>Adds a checkbox question (<c>multiple-choice</c>).</summary>
    /// <param name="key">The question key.</param>
    /// <param name="title">The question's label.</param>
    /// <param name="options">The choices; their keys are unique across the questionnaire.</param>
    /// <param name="configure">Sets the rest of the question; nothing when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddMultipleChoice(
        string key, LocalizedText title, IEnumerable<QuestionOption> options, Func<MultipleChoiceQuestion, MultipleChoiceQuestion>? configure = null) =>
        Add(new MultipleChoiceQuestion { Key = key, Title = title, Options = OptionsOf(options) }, configure);

    /// <summary>Adds a radio-button question (<c>options</c>): one choice.</summary>
    /// <param name="key">The question key.</param>
    /// <param name="title">The question's label.</param>
    /// <param name="options">The choices; their keys are unique across the questionnaire.</param>
    /// <param name="configure">Sets the rest of the question; nothing when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddSingleChoice(
        string key, LocalizedText title, IEnumerable<QuestionOption> options, Func<OptionsQuestion, OptionsQuestion>? configure = null) =>
        Add(new OptionsQuestion { Key = key, Title = title, Options = OptionsOf(options) }, configure);

    /// <summary>Adds a dropdown question (<c>dropdown</c>).</summary>
    /// <param name="key">The question key.</param>
    /// <param name="title">The question's label.</param>
    /// <param name="options">The choices; their keys are unique across the questionnaire.</param>
    /// <param name="configure">Sets the rest of the question, e.g. <c>q =&gt; q with { Multiple = true }</c>; nothing when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddDropdown(
        string key, LocalizedText title, IEnumerable<QuestionOption> options, Func<DropdownQuestion, DropdownQuestion>? configure = null) =>
        Add(new DropdownQuestion { Key = key, Title = title, Options = OptionsOf(options) }, configure);

    /// <summary>Adds a file-upload question (<c>file</c>).</summary>
    /// <param name="key">The question key.</param>
    /// <param name="title">The question's label.</param>
    /// <param name="configure">Sets the rest of the question, e.g. file types and the most files; nothing when null.</param>
    /// <returns>This builder.</returns>
    public TSelf AddFile(string key, LocalizedText title, Func<FileQuestion, FileQuestion>? configure = null) =>
        Add(new FileQuestion { Key = key, Title = title }, configure);

    private static IReadOnlyList<QuestionOption> OptionsOf(IEnumerable<QuestionOption> options) =>
        Internal.ValueList<QuestionOption>.From(options ?? throw new ArgumentNullException(nameof(options)))!;

    private protected IReadOnlyList<Question> BuildQuestions() => Internal.ValueList<Question>.From(_questions)!;

    private protected LocalizedText? BuiltDescription => _description;

    /// <summary>
    /// Adds a question the delegate configured. The delegate receives the question with the builder's key, title (and
    /// options) set and may return it changed (<c>q with { … }</c>) or return a new one that sets only what it changes
    /// (as F#, which has no <c>with</c> for these records, writes <c>OptionsQuestion(Mandatory = true)</c>): whatever
    /// the returned question leaves unset of the builder's own values is taken from them.
    /// </summary>
    private protected TSelf Add<TQuestion>(TQuestion question, Func<TQuestion, TQuestion>? configure)
        where TQuestion : Question
    {
        if (configure is null)
        {
            return Add(question);
        }

        Question configured = configure(question) ?? throw new InvalidOperationException("The question delegate returned null.");
        configured = configured with { Key = configured.Key ?? question.Key, Title = configured.Title ?? question.Title };
        if (configured is ChoiceQuestion { Options: null } choice && question is ChoiceQuestion { Options: { } options })
        {
            configured = choice with { Options = options };
        }

        return Add(configured);
    }
}
