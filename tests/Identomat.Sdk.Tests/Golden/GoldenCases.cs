using System.Text.Json;
using Identomat.Sdk;

namespace Identomat.Sdk.Tests.Golden;

/// <summary>
/// The flows whose wire JSON is pinned by a file in Golden/. Each case is named after its file. Shared (as source)
/// with the compatibility test project, which runs them against the netstandard2.0 and net8.0 builds.
/// </summary>
public static class GoldenCases
{
    public static readonly DateTimeOffset Start = new(2024, 6, 20, 10, 33, 0, TimeSpan.FromHours(3));

    public static IEnumerable<TestCaseData> All() => Cases().Select(c => new TestCaseData(c.File, c.Build).SetName(c.File));

    private static IEnumerable<(string File, Func<SessionRequest> Build)> Cases()
    {
        // Session level.
        yield return ("session.flags-and-parameters", () => new SessionBuilder()
            .Flags(f => f with
            {
                SkipFace = false,
                SkipDocument = true,
                ReturnUrl = new Uri("https://example.com/kyc/done?user=42"),
                Language = LanguageCode.Georgian,
                SkipDesktop = true,
                SwitchDeviceUrl = new Uri("https://example.com/switch"),
                RestrictUrlSharing = true,
                RequireHdMedia = false,
            })
            .UsingConfiguration("cfg_123")
            .ChildOf("parent_token")
            .Named("Applicant 42")
            .ForClientUser("user-42")
            .ForOperatorGroup("operators-eu")
            .Schedule(Start, Start.AddHours(2).AddMilliseconds(5))
            .Build());
        yield return ("session.empty", () => new SessionBuilder().Build());

        // One file per step type.
        yield return ("step.language", () => new SessionBuilder().AddLanguageSelection(LanguageCode.English, LanguageCode.Georgian, "de").Build());
        yield return ("step.identity-document", () => new SessionBuilder().AddIdentityDocument(f => f with
        {
            DisableDocumentCapture = false,
            AllowDocumentUpload = true,
            DocumentTypes = [DocumentType.Id, DocumentType.Passport, DocumentType.DriverLicense, DocumentType.ResidenceLicense],
            DocumentCountries = ["USA", "DEU", "GEO"],
            OptionalContinueOnAnotherDevice = true,
        }).Build());
        yield return ("step.identity-document.defaults", () => new SessionBuilder().AddIdentityDocument().Build());
        yield return ("step.liveness", () => new SessionBuilder().AddLiveness(f => f with { ActiveLiveness = true, OptionalContinueOnAnotherDevice = false }).Build());
        yield return ("step.liveness.passive-upload", () => new SessionBuilder().AddLiveness(f => f with { ActiveLiveness = false, AllowFaceUpload = true }, key: "face", title: "Your face").Build());
        yield return ("step.general-document", () => new SessionBuilder().AddProofOfAddress(f => f with { GeneralDocumentTypes = [GeneralDocumentType.UtilityBill, GeneralDocumentType.BankStatement] }).Build());
        yield return ("step.face-document", () => new SessionBuilder().AddSelfieWithId(f => f with { AllowFaceDocUpload = true, RequireFaceDocument = true, OptionalContinueOnAnotherDevice = false }).Build());
        yield return ("step.video-call", () => new SessionBuilder().AddVideoCall(call => call
            .ResetStepsOnRejoin()
            .HideCameraOption()
            .RequireName(false)
            .AllowMultipleParticipants()
            .AddIdentityDocument(key: "call-document")
            .AddLiveness(key: "call-liveness")
            .AddUserQuestionnaire("call_questions", "During the call", q => q.AddText("purpose", "Purpose of the account"))).Build());
        yield return ("step.phone-number", () => new SessionBuilder().AddPhoneNumber(f => f with { RequirePhoneNumberCheck = true, RequirePhoneNumber = false }).Build());
        yield return ("step.email", () => new SessionBuilder().AddEmail(f => f with { RequireEmailCheck = false, RequireEmail = true }).Build());
        yield return ("step.geolocation", () => new SessionBuilder().AddGeolocation(f => f with { RequireGeolocation = true }).Build());
        yield return ("step.user-questionnaire", () => new SessionBuilder().AddUserQuestionnaire(
            "about_you",
            new LocalizedText("en", "About you").With("ka", "თქვენ შესახებ"),
            q => q.Description("A few questions").SuccessButtonTitle(new LocalizedText("en", "Send").With("ka", "გაგზავნა"))
                .AddText("occupation", "Occupation", x => x with { Mandatory = true })).Build());
        yield return ("step.operator-questionnaire", () => new SessionBuilder().AddOperatorQuestionnaire(
            "operator_notes",
            "Operator notes",
            q => q.Description("Fill in after the call").AddText("impression", "Overall impression")).Build());
        yield return ("step.operator-questionnaire.plain-title", () => new SessionRequest
        {
            Steps = [new OperatorQuestionnaireStep { Key = "notes", Title = LocalizedText.Plain("Notes"), Description = LocalizedText.Plain("For operators"), Questions = [] }],
        });

        // One file per question kind.
        yield return ("question.string", () => Questionnaire(q => q
            .AddText("full_name", new LocalizedText("en", "Full name").With("ru", "Полное имя"), x => x with { Mandatory = true, ReadOnly = true, Answer = LocalizedText.Plain("John Doe") })
            .AddText("nickname", "Nickname", x => x with { Answer = new LocalizedText("en", "Johnny"), ShowConditions = new("full_name", "John Doe") })));
        yield return ("question.multiple-choice", () => Questionnaire(q => q
            .AddMultipleChoice("income", "Sources of income", [new("salary", "Salary"), new("dividends", "Dividends"), new("other", "Other")], x => x with { Mandatory = true, ReadOnly = false, Answer = ["salary", "other"] })
            .AddText("other_income", "Other source", x => x with { ShowConditions = new("income", "other") })));
        yield return ("question.options", () => Questionnaire(q => q
            .AddSingleChoice("employment", "Employment", [new("employed", "Employed"), new("student", "Student")], x => x with { Answer = "employed", ReadOnly = true })
            .AddText("employer", "Employer", x => x with { ShowConditions = new("employment", "employed") })));
        yield return ("question.dropdown", () => Questionnaire(q => q
            .AddDropdown("countries", "Countries of tax residence", [new("ge", "Georgia"), new("de", "Germany")], x => x with { Multiple = true, Mandatory = false })));
        yield return ("question.file", () => Questionnaire(q => q
            .AddFile("payslip", "Latest payslip", x => x with { Description = "PDF or photo", FileTypes = [FileType.Pdf, FileType.Image], FilesMaxCount = 3, Mandatory = true })));
        yield return ("question.attachment", () => Questionnaire(q => q
            .AddAttachment("contract", "Your contract", x => x with { Description = "Signed copy", FileTypes = [FileType.Pdf], FilesMaxCount = 1, AllowOperatorUpload = false, AllowOperatorOverride = true, Answer = ["file_1", "file_2"] })));

        // The escape hatch and forward compatibility.
        yield return ("escape-hatch.raw-properties", () => new SessionBuilder()
            .Configure(r => r with { AdditionalProperties = Raw("""{"future_param": {"a": [1, 2]}}""") })
            .Flags(f => f with { Language = LanguageCode.English, SkipAgreement = true })
            .AddLiveness(f => f with { AdditionalProperties = Raw("""{"new_flag": "x"}""") })
            .Add(new UnknownStep("signature") { Key = "sign", AdditionalProperties = Raw("""{"title": "Sign here", "flags": {"pen": true}}""") })
            .AddUserQuestionnaire("q", "Q", q => q
                .AddText("t", "T", x => x with { AdditionalProperties = Raw("""{"placeholder": {"en": "type here"}}""") })
                .Add(new UnknownQuestion("slider") { Key = "slider", Title = "How sure?", AdditionalProperties = Raw("""{"min": 0, "max": 10}""") }))
            .Build());
    }

    public static IReadOnlyDictionary<string, JsonElement> Raw(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    private static SessionRequest Questionnaire(Action<UserQuestionnaireBuilder> questions) =>
        new SessionBuilder().AddUserQuestionnaire("questionnaire", "Questionnaire", questions).Build();
}
