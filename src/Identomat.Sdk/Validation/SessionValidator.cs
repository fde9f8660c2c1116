namespace Identomat.Sdk.Validation;

/// <summary>
/// Every client-side invariant of the wire format, in one place. Walks the whole request and collects every
/// problem with its JSON path; never stops at the first. Paths are formatted only for errors.
/// </summary>
internal sealed class SessionValidator
{
    private static readonly HashSet<string> NotInVideoCall = new(StringComparer.Ordinal)
    {
        LanguageStep.TypeName, OperatorQuestionnaireStep.TypeName, VideoCallStep.TypeName,
    };

    private static readonly HashSet<string> KnownFileTypes = new(StringComparer.Ordinal) { FileType.Pdf.Value, FileType.Image.Value };

    private readonly List<ValidationError> _errors = new();
    private readonly JsonPath _path = new();
    private readonly Dictionary<string, (int Outer, int Inner)> _stepKeys = new(StringComparer.Ordinal);
    private int _outer;
    private int _inner = -1;

    public static IReadOnlyList<ValidationError> Validate(SessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var validator = new SessionValidator();
        validator.Request(request);
        return validator._errors;
    }

    private void Error(string? child, string message) => _errors.Add(new ValidationError(_path.Format(child), message));

    private void Request(SessionRequest request)
    {
        Raw(request);
        if (request.AdditionalProperties?.ContainsKey(Http.RequestBody.CompanyKeyName) == true)
        {
            Error(Http.RequestBody.CompanyKeyName, "the company key comes from the client options; do not put it in the request");
        }

        if (request.Flags is { } flags)
        {
            _path.Push(WireNames.Flags);
            Raw(flags);
            AbsoluteHttpUrl(flags.ReturnUrl, WireNames.ReturnUrl);
            AbsoluteHttpUrl(flags.SwitchDeviceUrl, WireNames.SwitchDeviceUrl);
            _path.Pop();
        }

        // Compared as the wire carries them (UTC, milliseconds): 0.1 ms apart would be sent as the same instant.
        if (request.ScheduleStartTime is { } start && request.ScheduleEndTime is { } end
            && UtcTimeJsonConverter.OnTheWire(start) >= UtcTimeJsonConverter.OnTheWire(end))
        {
            Error(WireNames.ScheduleEndTime, "must be later than scheduleStartTime");
        }

        _path.Push(WireNames.Steps);
        Steps(request.Steps, inVideoCall: false);
        _path.Pop();
    }

    private void Steps(IReadOnlyList<Step>? steps, bool inVideoCall)
    {
        for (var i = 0; steps is not null && i < steps.Count; i++)
        {
            _path.Push(i);
            (_outer, _inner) = inVideoCall ? (_outer, i) : (i, -1);
            if (steps[i] is not { } step)
            {
                Error(null, "a step cannot be null");
            }
            else
            {
                if (inVideoCall && NotInVideoCall.Contains(step.Type))
                {
                    Error(WireNames.Type, $"a video call cannot contain a '{PrintableText.Show(step.Type)}' step " +
                        "(language, operator-questionnaire and video-call steps are not allowed inside it)");
                }

                Step(step, inVideoCall);
            }

            _path.Pop();
        }
    }

    private void Step(Step step, bool inVideoCall)
    {
        Raw(step);
        StepKey(step);
        switch (step)
        {
            case QuestionnaireStep questionnaire:
                Questionnaire(questionnaire);
                return;
            case IdentityDocumentStep { Flags.DocumentCountries: { } countries }:
                Countries(countries);
                break;
            case LivenessStep { Flags: { ActiveLiveness: true, AllowFaceUpload: true } }:
                _path.Push(WireNames.Flags);
                Error(WireNames.AllowFaceUpload, "cannot be true with active liveness (flags.liveness true): " +
                    "active checks need a live camera, so the server ignores face upload; set one of them to false");
                _path.Pop();
                break;
            // A video call inside a video call is already an error: its own steps are not walked, so the work and the
            // errors of a flow nested deeper stay linear in its size (and the walk's depth bounded).
            case VideoCallStep { Flags.Steps: { } nested } when !inVideoCall:
                _path.Push(WireNames.Flags);
                _path.Push(WireNames.Steps);
                Steps(nested, inVideoCall: true);
                _path.Pop();
                _path.Pop();
                break;
        }

        if (step.FlagsObject is { } stepFlags)
        {
            _path.Push(WireNames.Flags);
            Raw(stepFlags);
            _path.Pop();
        }
    }

    private void StepKey(Step step)
    {
        if (step.Key is not null && string.IsNullOrWhiteSpace(step.Key))
        {
            Error(WireNames.Key, "a step key cannot be empty");
            return;
        }

        if (step.EffectiveKey is not { } key)
        {
            if (step is QuestionnaireStep)
            {
                Error(WireNames.Key, $"required: a '{PrintableText.Show(step.Type)}' step has no default key");
            }

            return;
        }

        if (_stepKeys.TryGetValue(key, out var first))
        {
            var how = step.Key is null ? " (the default key of this step type)" : string.Empty;
            var where = first.Inner < 0 ? $"steps[{first.Outer}]" : $"steps[{first.Outer}].flags.steps[{first.Inner}]";
            Error(
                WireNames.Key,
                $"'{PrintableText.Show(key)}'{how} is already the key of {where}; step keys must be unique across the session, video-call steps included");
        }
        else
        {
            _stepKeys.Add(key, (_outer, _inner));
        }
    }

    private void Questionnaire(QuestionnaireStep step)
    {
        var isUser = step is UserQuestionnaireStep;
        if (isUser && step.Title is null)
        {
            Error(WireNames.Title, "required: a user questionnaire needs a title");
        }

        Text(step.Title, WireNames.Title, plainAllowed: !isUser);
        Text(step.Description, WireNames.Description, plainAllowed: !isUser);
        if (step is UserQuestionnaireStep user)
        {
            Text(user.SuccessButtonTitle, WireNames.SuccessButtonTitle, plainAllowed: false);
        }

        _path.Push(WireNames.Questions);
        new QuestionnaireChecks(this, isUser).Questions(step.Questions);
        _path.Pop();
    }

    private void Text(LocalizedText? text, string name, bool plainAllowed)
    {
        if (text is null)
        {
            return;
        }

        if (text.PlainText is not null)
        {
            if (!plainAllowed)
            {
                Error(name, "must be an object of language codes to text (e.g. {\"en\": \"...\"}), not a plain string");
            }

            return;
        }

        if (text.Count == 0)
        {
            Error(name, "needs text in at least one language");
        }

        foreach (var entry in text.Entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Key))
            {
                Error(name, "has an empty language code");
                break;
            }
        }
    }

    private void Countries(IReadOnlyList<string> countries)
    {
        for (var i = 0; i < countries.Count; i++)
        {
            var code = countries[i];
            // A null code is reported once, as a missing value (MissingValues).
            if (code is not null && !IsAlpha3(code))
            {
                _path.Push(WireNames.Flags);
                _path.Push(WireNames.DocumentCountries);
                _path.Push(i);
                Error(null, "is not an ISO 3166-1 alpha-3 country code: three upper-case letters A-Z, e.g. GEO or DEU");
                _path.Pop();
                _path.Pop();
                _path.Pop();
            }
        }
    }

    private static bool IsAlpha3(string code) => code.Length == 3 && code.All(c => c is >= 'A' and <= 'Z');

    private void AbsoluteHttpUrl(Uri? url, string name)
    {
        if (url is not null && !(url.IsAbsoluteUri && (url.Scheme == "https" || url.Scheme == "http")))
        {
            Error(name, "must be an absolute http or https URL");
        }
    }

    /// <summary>
    /// Every typed value of a record has a wire form: no default open value (<c>default(LanguageCode)</c>), no null or
    /// default item in a list of strings or open values (the writer would send <c>null</c>, which the server and
    /// <c>FromJson</c> refuse), and no text holding a lone surrogate (the writer would send U+FFFD in its place, where
    /// <c>FromJson</c> refuses the same text). Records inside the record (steps, questions, options, flags) are walked
    /// on their own.
    /// </summary>
    private void Values(WireObject value)
    {
        foreach (var property in RequestJson.ValuePropertiesOf(value.GetType()))
        {
            var current = property.Get!(value);
            switch (current)
            {
                case null:
                    break;
                case IOpenValue { Value: null }:
                    Error(property.Name, "has no value (a default value); set one or leave the property unset");
                    break;
                case string or IOpenValue or LocalizedText or Uri when !IsText(current):
                    Error(property.Name, LoneSurrogate);
                    break;
                case System.Collections.IEnumerable items and not string and not LocalizedText:
                    _path.Push(property.Name);
                    var i = 0;
                    foreach (var item in items)
                    {
                        _path.Push(i++);
                        if (item is null or IOpenValue { Value: null })
                        {
                            Error(null, "has no value (null or a default value)");
                        }
                        else if (!IsText(item))
                        {
                            Error(null, LoneSurrogate);
                        }

                        _path.Pop();
                    }

                    _path.Pop();
                    break;
            }
        }
    }

    private const string LoneSurrogate = "holds a lone surrogate (half of a UTF-16 pair), which is not valid text; nothing was written";

    /// <summary>The nesting a reader of the request accepts, <c>FromJson</c>'s included, counting the request's own object.</summary>
    private const int MaxDepth = 64;

    private const string TooDeep =
        "AdditionalProperties nests deeper than the 64 levels a JSON reader accepts, counted from the request's root; nothing was written";

    /// <summary>
    /// True when a raw value adds at most <paramref name="levels"/> levels of objects and arrays. Recursion goes no deeper
    /// than the limit, so a value nested a million levels deep is refused without exhausting the stack.
    /// </summary>
    private static bool FitsIn(JsonElement element, int levels)
    {
        if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return true;
        }

        return levels > 0 && (element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().All(p => FitsIn(p.Value, levels - 1))
            : element.EnumerateArray().All(v => FitsIn(v, levels - 1)));
    }

    /// <summary>True when a value holds no lone surrogate (values that are not text hold none).</summary>
    private static bool IsText(object? value) => value switch
    {
        string text => !PrintableText.HasLoneSurrogate(text),
        IOpenValue open => open.Value is null || !PrintableText.HasLoneSurrogate(open.Value),
        Uri uri => !PrintableText.HasLoneSurrogate(uri.OriginalString),
        LocalizedText localized => (localized.PlainText is null || !PrintableText.HasLoneSurrogate(localized.PlainText))
            && localized.All(entry => !PrintableText.HasLoneSurrogate(entry.Key) && !PrintableText.HasLoneSurrogate(entry.Value)),
        JsonElement element => IsText(element),
        _ => true,
    };

    private static bool IsText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                // GetString fails on an escaped lone surrogate held by an element parsed from text.
                try
                {
                    return !PrintableText.HasLoneSurrogate(element.GetString()!);
                }
                catch (InvalidOperationException)
                {
                    return false;
                }

            case JsonValueKind.Object:
                // Name fails like GetString on an escaped lone surrogate.
                try
                {
                    return element.EnumerateObject().All(p => !PrintableText.HasLoneSurrogate(p.Name) && IsText(p.Value));
                }
                catch (InvalidOperationException)
                {
                    return false;
                }

            case JsonValueKind.Array:
                return element.EnumerateArray().All(IsText);
            default:
                return true;
        }
    }

    /// <summary>A raw property may not carry a name that a typed property of the same object writes.</summary>
    private void Raw(WireObject value)
    {
        Values(value);

        if (value.AdditionalProperties is not { Count: > 0 } raw)
        {
            return;
        }

        var written = new HashSet<string>(RequestJson.WrittenNames(value), StringComparer.Ordinal);
        foreach (var pair in raw)
        {
            // The object holding the raw values is inside Depth + 1 containers (the request's own object is the first).
            if (!FitsIn(pair.Value, MaxDepth - (_path.Depth + 1)))
            {
                Error(PrintableText.HasLoneSurrogate(pair.Key) ? null : pair.Key, TooDeep);
            }
            else if (PrintableText.HasLoneSurrogate(pair.Key) || !IsText(pair.Value))
            {
                Error(PrintableText.HasLoneSurrogate(pair.Key) ? null : pair.Key, $"AdditionalProperties {LoneSurrogate}");
            }
            else if (written.Contains(pair.Key))
            {
                Error(pair.Key, $"'{PrintableText.Show(pair.Key)}' is set both by a typed property and in AdditionalProperties; set it in one place only");
            }
        }
    }

    /// <summary>
    /// The checks of one questionnaire: its questions, options, conditions and preset answers. Messages name the path and
    /// the rule, never a preset answer or a condition's value: they may be a user's personal data.
    /// </summary>
    private sealed class QuestionnaireChecks(SessionValidator validator, bool isUser)
    {
        private const string NotAnOption = "is not the key of one of this question's options";

        private readonly SessionValidator _v = validator;
        private readonly bool _isUser = isUser;
        private readonly Dictionary<string, Question> _earlier = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Question, int Option)> _optionKeys = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _conditionKeys = new(StringComparer.Ordinal);
        private int _question;

        private JsonPath Path => _v._path;

        public void Questions(IReadOnlyList<Question>? questions)
        {
            for (var i = 0; questions is not null && i < questions.Count; i++)
            {
                Path.Push(i);
                _question = i;
                if (questions[i] is not { } question)
                {
                    _v.Error(null, "a question cannot be null");
                }
                else
                {
                    Question(question);
                    if (!string.IsNullOrWhiteSpace(question.Key) && !_earlier.ContainsKey(question.Key!))
                    {
                        _earlier.Add(question.Key!, question);
                    }
                }

                Path.Pop();
            }
        }

        /// <summary>The keys of a question's options.</summary>
        private static HashSet<string> OptionKeys(ChoiceQuestion question) =>
            new((question.Options ?? []).Where(o => o?.Key is not null).Select(o => o!.Key!), StringComparer.Ordinal);

        /// <summary>
        /// The option keys of the earlier question a condition names, made once per question however many conditions
        /// name it: checking the conditions is linear in their number.
        /// </summary>
        private HashSet<string> OptionKeysOf(string questionKey, ChoiceQuestion question)
        {
            if (!_conditionKeys.TryGetValue(questionKey, out var keys))
            {
                keys = OptionKeys(question);
                _conditionKeys.Add(questionKey, keys);
            }

            return keys;
        }

        private void Question(Question question)
        {
            _v.Raw(question);
            if (string.IsNullOrWhiteSpace(question.Key))
            {
                _v.Error(WireNames.Key, "required: every question needs a non-empty key");
            }
            else if (_earlier.ContainsKey(question.Key!))
            {
                _v.Error(WireNames.Key, $"'{PrintableText.Show(question.Key)}' is already the key of another question in this questionnaire");
            }

            _v.Text(question.Title, WireNames.Title, plainAllowed: !_isUser);
            if (question.ShowConditions is { } condition)
            {
                Path.Push(WireNames.ShowConditions);
                Condition(condition);
                Path.Pop();
            }

            switch (question)
            {
                case ChoiceQuestion choice:
                    Options(choice);
                    break;
                case FilesQuestion files:
                    Files(files);
                    break;
                case StringQuestion { Answer: { } answer }:
                    _v.Text(answer, WireNames.Answer, plainAllowed: true);
                    break;
            }

            if (question is DropdownQuestion or FileQuestion && question.AdditionalProperties?.ContainsKey(WireNames.Answer) == true)
            {
                _v.Error(WireNames.Answer, $"a '{PrintableText.Show(question.Type)}' question cannot have a preset answer");
            }

            if (question is AttachmentQuestion && !_isUser)
            {
                _v.Error(WireNames.Type, "attachment questions belong to user questionnaires only");
            }
        }

        private void Options(ChoiceQuestion question)
        {
            var options = question.Options ?? Array.Empty<QuestionOption>();
            if (options.Count == 0)
            {
                _v.Error(WireNames.Options, $"a '{PrintableText.Show(question.Type)}' question needs at least one option");
            }

            Path.Push(WireNames.Options);
            for (var i = 0; i < options.Count; i++)
            {
                Path.Push(i);
                Option(options[i], i);
                Path.Pop();
            }

            Path.Pop();
            switch (question)
            {
                case OptionsQuestion { Answer: { } answer } when !OptionKeys(question).Contains(answer):
                    _v.Error(WireNames.Answer, NotAnOption);
                    break;
                case MultipleChoiceQuestion { Answer: { } answers }:
                    var keys = OptionKeys(question);
                    Path.Push(WireNames.Answer);
                    for (var i = 0; i < answers.Count; i++)
                    {
                        // A null answer is reported once, as a missing value (Values).
                        if (answers[i] is not null && !keys.Contains(answers[i]))
                        {
                            Path.Push(i);
                            _v.Error(null, NotAnOption);
                            Path.Pop();
                        }
                    }

                    Path.Pop();
                    break;
            }
        }

        private void Option(QuestionOption? option, int index)
        {
            if (option is null)
            {
                _v.Error(null, "an option cannot be null");
                return;
            }

            _v.Raw(option);
            if (string.IsNullOrWhiteSpace(option.Key))
            {
                _v.Error(WireNames.Key, "required: every option needs a non-empty key");
            }
            else if (_optionKeys.TryGetValue(option.Key!, out var first))
            {
                // The path is ...questions[q].options[o]: the questionnaire's questions are 3 segments up.
                var questions = Path.Format(Path.Depth - 3);
                _v.Error(
                    WireNames.Key,
                    $"'{PrintableText.Show(option.Key)}' is already the key of option {questions}[{first.Question}].options[{first.Option}]; " +
                    "option keys must be unique across the questionnaire");
            }
            else
            {
                _optionKeys.Add(option.Key!, (_question, index));
            }

            if (option.Title is null)
            {
                _v.Error(WireNames.Title, "required: every option needs a title");
            }

            _v.Text(option.Title, WireNames.Title, plainAllowed: !_isUser);
        }

        private void Files(FilesQuestion question)
        {
            _v.Text(question.Description, WireNames.Description, plainAllowed: !_isUser);
            if (question.FilesMaxCount is { } max && (max < 1 || max > 10))
            {
                _v.Error(WireNames.FilesMaxCount, $"must be from 1 to 10, not {max}");
            }

            if (question.FileTypes is not { } types)
            {
                return;
            }

            if (types.Count == 0)
            {
                _v.Error(WireNames.FileTypes, "needs at least one file type (pdf, image); leave it unset to accept both");
            }

            Path.Push(WireNames.FileTypes);
            for (var i = 0; i < types.Count; i++)
            {
                if (!KnownFileTypes.Contains(types[i].Value ?? string.Empty))
                {
                    Path.Push(i);
                    _v.Error(null, "is not a file type; use pdf or image");
                    Path.Pop();
                }
            }

            Path.Pop();
        }

        private void Condition(ShowCondition condition)
        {
            _v.Raw(condition);
            if (string.IsNullOrWhiteSpace(condition.QuestionKey))
            {
                _v.Error(WireNames.QuestionKey, "required: the key of an earlier question");
            }
            else if (!_earlier.TryGetValue(condition.QuestionKey!, out var controlling))
            {
                _v.Error(WireNames.QuestionKey, $"'{PrintableText.Show(condition.QuestionKey)}' is not an earlier question of this questionnaire");
            }
            else if (condition.Answer is { } answer && controlling is ChoiceQuestion choice && !OptionKeysOf(condition.QuestionKey!, choice).Contains(answer))
            {
                _v.Error(WireNames.Answer, $"is not the key of an option of question '{PrintableText.Show(condition.QuestionKey)}'");
            }

            if (condition.Answer is null)
            {
                _v.Error(WireNames.Answer, "required: the option key, or the exact text of a string question, that shows this question");
            }
        }
    }
}
