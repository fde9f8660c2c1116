using Identomat.Sdk.Serialization;

namespace Identomat.Sdk.Validation;

/// <summary>
/// Every client-side invariant of the wire format, in one place. Walks the whole request and collects every
/// problem with its JSON path; never stops at the first.
/// </summary>
internal sealed class SessionValidator
{
    private static readonly HashSet<string> NotInVideoCall = new(StringComparer.Ordinal)
    {
        LanguageStep.TypeName, OperatorQuestionnaireStep.TypeName, VideoCallStep.TypeName,
    };

    private readonly List<ValidationError> _errors = new();
    private readonly Dictionary<string, string> _stepKeys = new(StringComparer.Ordinal);

    public static IReadOnlyList<ValidationError> Validate(SessionRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var validator = new SessionValidator();
        validator.Request(request);
        return validator._errors;
    }

    private void Error(string path, string message) => _errors.Add(new ValidationError(path, message));

    private void Request(SessionRequest request)
    {
        Raw(request, string.Empty);
        if (request.AdditionalProperties?.ContainsKey(SessionRequest.CompanyKeyName) == true)
        {
            Error(SessionRequest.CompanyKeyName, "the company key comes from the client options; do not put it in the request");
        }

        if (request.Flags is { } flags)
        {
            Raw(flags, "flags");
            AbsoluteHttpUrl(flags.ReturnUrl, "flags.return_url");
            AbsoluteHttpUrl(flags.SwitchDeviceUrl, "flags.switch_device_url");
        }

        if (request.ScheduleStartTime is { } start && request.ScheduleEndTime is { } end && start >= end)
        {
            Error("scheduleEndTime", "must be later than scheduleStartTime");
        }

        Steps(request.Steps, "steps", inVideoCall: false);
    }

    private void Steps(IReadOnlyList<Step>? steps, string path, bool inVideoCall)
    {
        for (var i = 0; steps is not null && i < steps.Count; i++)
        {
            var stepPath = ReadContext.Item(path, i);
            if (steps[i] is not { } step)
            {
                Error(stepPath, "a step cannot be null");
                continue;
            }

            if (inVideoCall && NotInVideoCall.Contains(step.Type))
            {
                Error(ReadContext.Child(stepPath, "type"), $"a video call cannot contain a '{step.Type}' step (language, operator-questionnaire and video-call steps are not allowed inside it)");
            }

            Step(step, stepPath);
        }
    }

    private void Step(Step step, string path)
    {
        Raw(step, path);
        StepKey(step, path);
        switch (step)
        {
            case QuestionnaireStep questionnaire:
                Questionnaire(questionnaire, path);
                return;
            case IdentityDocumentStep { Flags: { } document }:
                Countries(document.DocumentCountries, ReadContext.Child(path, "flags.document_countries"));
                break;
            case LivenessStep { Flags: { ActiveLiveness: true, AllowFaceUpload: true } }:
                Error(ReadContext.Child(path, "flags.allow_face_upload"), "cannot be true with active liveness (flags.liveness true): active checks need a live camera, so the server ignores face upload; set one of them to false");
                break;
            case VideoCallStep { Flags: { } call }:
                Steps(call.Steps, ReadContext.Child(path, "flags.steps"), inVideoCall: true);
                break;
        }

        if (FlagsOf(step) is { } stepFlags)
        {
            Raw(stepFlags, ReadContext.Child(path, "flags"));
        }
    }

    private static WireObject? FlagsOf(Step step) => step switch
    {
        Step<LanguageFlags> s => s.Flags,
        Step<IdentityDocumentFlags> s => s.Flags,
        Step<LivenessFlags> s => s.Flags,
        Step<ProofOfAddressFlags> s => s.Flags,
        Step<SelfieWithIdFlags> s => s.Flags,
        Step<VideoCallFlags> s => s.Flags,
        Step<PhoneNumberFlags> s => s.Flags,
        Step<EmailFlags> s => s.Flags,
        Step<GeolocationFlags> s => s.Flags,
        _ => null,
    };

    private void StepKey(Step step, string path)
    {
        var keyPath = ReadContext.Child(path, "key");
        if (step.Key is not null && string.IsNullOrWhiteSpace(step.Key))
        {
            Error(keyPath, "a step key cannot be empty");
            return;
        }

        if (step.EffectiveKey is not { } key)
        {
            if (step is QuestionnaireStep)
            {
                Error(keyPath, $"required: a '{step.Type}' step has no default key");
            }

            return;
        }

        if (_stepKeys.TryGetValue(key, out var first))
        {
            var how = step.Key is null ? " (the default key of this step type)" : string.Empty;
            Error(keyPath, $"'{key}'{how} is already the key of {first}; step keys must be unique across the session, video-call steps included");
        }
        else
        {
            _stepKeys.Add(key, path);
        }
    }

    private void Questionnaire(QuestionnaireStep step, string path)
    {
        var isUser = step is UserQuestionnaireStep;
        if (isUser && step.Title is null)
        {
            Error(ReadContext.Child(path, "title"), "required: a user questionnaire needs a title");
        }

        Text(step.Title, ReadContext.Child(path, "title"), plainAllowed: !isUser);
        Text(step.Description, ReadContext.Child(path, "description"), plainAllowed: !isUser);
        if (step is UserQuestionnaireStep user)
        {
            Text(user.SuccessButtonTitle, ReadContext.Child(path, "successButtonTitle"), plainAllowed: false);
        }

        new QuestionnaireChecks(this, isUser).Questions(step.Questions, ReadContext.Child(path, "questions"));
    }

    private void Text(LocalizedText? text, string path, bool plainAllowed)
    {
        if (text is null)
        {
            return;
        }

        if (text.PlainText is not null)
        {
            if (!plainAllowed)
            {
                Error(path, "must be an object of language codes to text (e.g. {\"en\": \"...\"}), not a plain string");
            }

            return;
        }

        if (text.Count == 0)
        {
            Error(path, "needs text in at least one language");
        }

        if (text.Keys.Any(string.IsNullOrWhiteSpace))
        {
            Error(path, "has an empty language code");
        }
    }

    private void Countries(IReadOnlyList<string>? countries, string path)
    {
        for (var i = 0; countries is not null && i < countries.Count; i++)
        {
            var code = countries[i];
            if (code is null || code.Length != 3 || code.Any(c => c is < 'A' or > 'Z'))
            {
                Error(ReadContext.Item(path, i), $"'{code}' is not an ISO 3166-1 alpha-3 country code: three upper-case letters A-Z, e.g. USA or GEO");
            }
        }
    }

    private void AbsoluteHttpUrl(Uri? url, string path)
    {
        if (url is not null && !(url.IsAbsoluteUri && (url.Scheme == "https" || url.Scheme == "http")))
        {
            Error(path, "must be an absolute http or https URL");
        }
    }

    /// <summary>A raw property may not carry a name that a typed property of the same object writes.</summary>
    private void Raw(WireObject value, string path)
    {
        if (value.AdditionalProperties is not { Count: > 0 } raw)
        {
            return;
        }

        var written = new HashSet<string>(value.WrittenNames(), StringComparer.Ordinal);
        foreach (var name in raw.Keys.Where(written.Contains))
        {
            Error(ReadContext.Child(path, name), $"'{name}' is set both by a typed property and in AdditionalProperties; set it in one place only");
        }
    }

    /// <summary>The checks of one questionnaire: its questions, options, conditions and preset answers.</summary>
    private sealed class QuestionnaireChecks
    {
        private static readonly HashSet<string> KnownFileTypes = new(StringComparer.Ordinal) { FileType.Pdf.Value, FileType.Image.Value };

        private readonly SessionValidator _v;
        private readonly bool _isUser;
        private readonly Dictionary<string, Question> _earlier = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _optionKeys = new(StringComparer.Ordinal);

        public QuestionnaireChecks(SessionValidator validator, bool isUser)
        {
            _v = validator;
            _isUser = isUser;
        }

        public void Questions(IReadOnlyList<Question>? questions, string path)
        {
            for (var i = 0; questions is not null && i < questions.Count; i++)
            {
                var questionPath = ReadContext.Item(path, i);
                if (questions[i] is not { } question)
                {
                    _v.Error(questionPath, "a question cannot be null");
                    continue;
                }

                Question(question, questionPath);
                if (!string.IsNullOrWhiteSpace(question.Key) && !_earlier.ContainsKey(question.Key!))
                {
                    _earlier.Add(question.Key!, question);
                }
            }
        }

        private void Question(Question question, string path)
        {
            _v.Raw(question, path);
            var keyPath = ReadContext.Child(path, "key");
            if (string.IsNullOrWhiteSpace(question.Key))
            {
                _v.Error(keyPath, "required: every question needs a non-empty key");
            }
            else if (_earlier.ContainsKey(question.Key!))
            {
                _v.Error(keyPath, $"'{question.Key}' is already the key of another question in this questionnaire");
            }

            _v.Text(question.Title, ReadContext.Child(path, "title"), plainAllowed: false);
            Condition(question.ShowConditions, ReadContext.Child(path, "showConditions"));
            switch (question)
            {
                case ChoiceQuestion choice:
                    Options(choice, path);
                    break;
                case FilesQuestion files:
                    Files(files, path);
                    break;
                case StringQuestion { Answer: { } answer }:
                    _v.Text(answer, ReadContext.Child(path, "answer"), plainAllowed: true);
                    break;
            }

            if (question is DropdownQuestion or FileQuestion && question.AdditionalProperties?.ContainsKey("answer") == true)
            {
                _v.Error(ReadContext.Child(path, "answer"), $"a '{question.Type}' question cannot have a preset answer");
            }

            if (question is AttachmentQuestion && !_isUser)
            {
                _v.Error(ReadContext.Child(path, "type"), "attachment questions belong to user questionnaires only");
            }
        }

        private void Options(ChoiceQuestion question, string path)
        {
            var optionsPath = ReadContext.Child(path, "options");
            var options = question.Options ?? Array.Empty<QuestionOption>();
            if (options.Count == 0)
            {
                _v.Error(optionsPath, $"a '{question.Type}' question needs at least one option");
            }

            for (var i = 0; i < options.Count; i++)
            {
                var optionPath = ReadContext.Item(optionsPath, i);
                if (options[i] is not { } option)
                {
                    _v.Error(optionPath, "an option cannot be null");
                    continue;
                }

                _v.Raw(option, optionPath);
                if (string.IsNullOrWhiteSpace(option.Key))
                {
                    _v.Error(ReadContext.Child(optionPath, "key"), "required: every option needs a non-empty key");
                }
                else if (_optionKeys.TryGetValue(option.Key!, out var first))
                {
                    _v.Error(ReadContext.Child(optionPath, "key"), $"'{option.Key}' is already the key of option {first}; option keys must be unique across the questionnaire");
                }
                else
                {
                    _optionKeys.Add(option.Key!, optionPath);
                }

                if (option.Title is null)
                {
                    _v.Error(ReadContext.Child(optionPath, "title"), "required: every option needs a title");
                }

                _v.Text(option.Title, ReadContext.Child(optionPath, "title"), plainAllowed: false);
            }

            var answerPath = ReadContext.Child(path, "answer");
            switch (question)
            {
                case OptionsQuestion { Answer: { } answer } when !HasOption(question, answer):
                    _v.Error(answerPath, $"'{answer}' is not the key of one of this question's options");
                    break;
                case MultipleChoiceQuestion { Answer: { } answers }:
                    for (var i = 0; i < answers.Count; i++)
                    {
                        if (!HasOption(question, answers[i]))
                        {
                            _v.Error(ReadContext.Item(answerPath, i), $"'{answers[i]}' is not the key of one of this question's options");
                        }
                    }

                    break;
            }
        }

        private void Files(FilesQuestion question, string path)
        {
            _v.Text(question.Description, ReadContext.Child(path, "description"), plainAllowed: false);
            if (question.FilesMaxCount is { } max && (max < 1 || max > 10))
            {
                _v.Error(ReadContext.Child(path, "filesMaxCount"), $"must be from 1 to 10, not {max}");
            }

            if (question.FileTypes is { } types)
            {
                var typesPath = ReadContext.Child(path, "fileTypes");
                if (types.Count == 0)
                {
                    _v.Error(typesPath, "needs at least one file type (pdf, image); leave it unset to accept both");
                }

                for (var i = 0; i < types.Count; i++)
                {
                    if (!KnownFileTypes.Contains(types[i].Value ?? string.Empty))
                    {
                        _v.Error(ReadContext.Item(typesPath, i), $"'{types[i]}' is not a file type; use pdf or image");
                    }
                }
            }
        }

        private void Condition(ShowCondition? condition, string path)
        {
            if (condition is null)
            {
                return;
            }

            _v.Raw(condition, path);
            var keyPath = ReadContext.Child(path, "questionKey");
            if (string.IsNullOrWhiteSpace(condition.QuestionKey))
            {
                _v.Error(keyPath, "required: the key of an earlier question");
            }
            else if (!_earlier.TryGetValue(condition.QuestionKey!, out var controlling))
            {
                _v.Error(keyPath, $"'{condition.QuestionKey}' is not an earlier question of this questionnaire");
            }
            else if (condition.Answer is { } answer && controlling is ChoiceQuestion choice && !HasOption(choice, answer))
            {
                _v.Error(ReadContext.Child(path, "answer"), $"'{answer}' is not the key of an option of question '{condition.QuestionKey}'");
            }

            if (condition.Answer is null)
            {
                _v.Error(ReadContext.Child(path, "answer"), "required: the option key, or the exact text of a string question, that shows this question");
            }
        }

        private static bool HasOption(ChoiceQuestion question, string key) =>
            question.Options?.Any(o => o?.Key == key) == true;
    }
}
