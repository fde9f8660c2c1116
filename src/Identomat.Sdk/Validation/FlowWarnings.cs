namespace Identomat.Sdk;

/// <summary>
/// Finds the warnings of a flow: step and question types the SDK does not know, with a suggestion from the names
/// integrators use for the vendor's types (<c>face</c> for <c>liveness</c>, …) or from a small edit distance (typos).
/// </summary>
internal static class FlowWarnings
{
    /// <summary>The names integrators write for the vendor's step types.</summary>
    private static readonly Dictionary<string, string> StepAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["face"] = LivenessStep.TypeName, ["selfie"] = SelfieWithIdStep.TypeName, ["face-liveness"] = LivenessStep.TypeName,
        ["liveness-check"] = LivenessStep.TypeName, ["document"] = IdentityDocumentStep.TypeName, ["id"] = IdentityDocumentStep.TypeName,
        ["id-document"] = IdentityDocumentStep.TypeName, ["id-card"] = IdentityDocumentStep.TypeName, ["passport"] = IdentityDocumentStep.TypeName,
        ["identity"] = IdentityDocumentStep.TypeName, ["selfie-with-id"] = SelfieWithIdStep.TypeName, ["selfie-document"] = SelfieWithIdStep.TypeName,
        ["face-with-document"] = SelfieWithIdStep.TypeName, ["proof-of-address"] = ProofOfAddressStep.TypeName, ["poa"] = ProofOfAddressStep.TypeName,
        ["address"] = ProofOfAddressStep.TypeName, ["utility-bill"] = ProofOfAddressStep.TypeName, ["document-general"] = ProofOfAddressStep.TypeName,
        ["phone"] = PhoneNumberStep.TypeName, ["sms"] = PhoneNumberStep.TypeName, ["otp"] = PhoneNumberStep.TypeName,
        ["mail"] = EmailStep.TypeName, ["e-mail"] = EmailStep.TypeName, ["location"] = GeolocationStep.TypeName, ["geo"] = GeolocationStep.TypeName,
        ["video"] = VideoCallStep.TypeName, ["videocall"] = VideoCallStep.TypeName, ["video-interview"] = VideoCallStep.TypeName,
        ["questionnaire"] = UserQuestionnaireStep.TypeName, ["survey"] = UserQuestionnaireStep.TypeName, ["form"] = UserQuestionnaireStep.TypeName,
        ["lang"] = LanguageStep.TypeName, ["language-select"] = LanguageStep.TypeName,
    };

    /// <summary>The names integrators write for the vendor's question types.</summary>
    private static readonly Dictionary<string, string> QuestionAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = StringQuestion.TypeName, ["input"] = StringQuestion.TypeName, ["textarea"] = StringQuestion.TypeName,
        ["checkbox"] = MultipleChoiceQuestion.TypeName, ["checkboxes"] = MultipleChoiceQuestion.TypeName, ["multiple"] = MultipleChoiceQuestion.TypeName,
        ["radio"] = OptionsQuestion.TypeName, ["single-choice"] = OptionsQuestion.TypeName, ["choice"] = OptionsQuestion.TypeName,
        ["select"] = DropdownQuestion.TypeName, ["upload"] = FileQuestion.TypeName, ["files"] = FileQuestion.TypeName,
        ["document"] = AttachmentQuestion.TypeName,
    };

    public static IReadOnlyList<ValidationWarning> Find(SessionRequest request)
    {
        var warnings = new List<ValidationWarning>();
        var path = new JsonPath();
        path.Push(WireNames.Steps);
        Steps(request.Steps, path, inVideoCall: false, warnings);
        return warnings;
    }

    /// <summary>
    /// The warnings as one line for a log: at most <paramref name="shown"/> of them, then how many more. A flow with
    /// thousands of unknown types must not write a log line of megabytes on every session.
    /// </summary>
    public static string Summary(IReadOnlyList<ValidationWarning> warnings, int shown = 10) =>
        string.Join("; ", warnings.Take(shown)) + (warnings.Count > shown ? $"; and {warnings.Count - shown} more" : string.Empty);

    private static void Steps(IReadOnlyList<Step>? steps, JsonPath path, bool inVideoCall, List<ValidationWarning> warnings)
    {
        for (var i = 0; steps is not null && i < steps.Count; i++)
        {
            path.Push(i);
            switch (steps[i])
            {
                case UnknownStep unknown:
                    warnings.Add(Unknown(path.Format(WireNames.Type), "step", unknown.Type, RequestJsonContext.Steps.Names, StepAliases));
                    break;
                // A video call nested in a video call is a validation error: its steps are not walked (see SessionValidator).
                case VideoCallStep { Flags.Steps: { } inner } when !inVideoCall:
                    path.Push(WireNames.Flags);
                    path.Push(WireNames.Steps);
                    Steps(inner, path, inVideoCall: true, warnings);
                    path.Pop();
                    path.Pop();
                    break;
                case QuestionnaireStep { Questions: { } questions }:
                    path.Push(WireNames.Questions);
                    for (var q = 0; q < questions.Count; q++)
                    {
                        if (questions[q] is UnknownQuestion question)
                        {
                            path.Push(q);
                            warnings.Add(Unknown(path.Format(WireNames.Type), "question", question.Type, RequestJsonContext.Questions.Names, QuestionAliases));
                            path.Pop();
                        }
                    }

                    path.Pop();
                    break;
            }

            path.Pop();
        }
    }

    private static ValidationWarning Unknown(string path, string what, string type, IReadOnlyList<string> known, Dictionary<string, string> aliases)
    {
        var suggestion = aliases.TryGetValue(type, out var alias) ? alias : Closest(type, known);
        var shown = Internal.PrintableText.Show(type);
        var message = $"'{shown}' is not a {what} type the SDK knows: it is sent as written, and the vendor ignores a type it does not know"
            + (suggestion is null ? "." : $"; did you mean '{suggestion}'?");
        return new ValidationWarning(path, message, suggestion);
    }

    /// <summary>The known type within a small edit distance (a typo), if exactly one is closest.</summary>
    private static string? Closest(string type, IReadOnlyList<string> known)
    {
        var lower = type.ToLowerInvariant();
        if (lower.Length > 64)
        {
            return null;
        }

        var best = known.Select(k => (Name: k, Distance: Distance(lower, k))).OrderBy(x => x.Distance).ToList();
        var limit = Math.Max(1, Math.Min(3, best[0].Name.Length / 4));
        return best[0].Distance <= limit && (best.Count == 1 || best[1].Distance > best[0].Distance) ? best[0].Name : null;
    }

    /// <summary>Levenshtein distance; both strings are at most 64 characters here.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
