using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Identomat.Sdk.Benchmarks;

/// <summary>
/// One full flow written three ways: with the SDK, as an anonymous-object graph through reflection
/// <see cref="JsonSerializer"/> (what an integrator without the SDK writes), and by hand with a <see cref="Utf8JsonWriter"/>
/// (the floor). All eleven step types, a video call with nested steps, a user questionnaire of 15 questions of every
/// kind with conditions. <see cref="Check"/> proves the three write the same JSON.
/// </summary>
public static class FullFlow
{
    public const string CompanyKey = "ck_benchmark_key";
    public const int QuestionCount = 15;
    private static readonly Uri ReturnUrl = new("https://example.com/kyc/done");
    private static readonly JsonSerializerOptions Reflection = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static byte[] Sdk() => Identomat.Sdk.Http.RequestBody.Begin(Build(), CompanyKey);

    /// <summary>The flow's records, built (not validated or written).</summary>
    public static SessionRequest Build() =>
        new SessionBuilder()
            .Flags(f => f with { Language = LanguageCode.English, ReturnUrl = ReturnUrl, SkipDesktop = false, RequireHdMedia = true })
            .ForClientUser("user-42")
            .Named("Benchmark applicant")
            .AddLanguageSelection(LanguageCode.English, LanguageCode.Georgian, LanguageCode.Russian)
            .AddIdentityDocument(f => f with { AllowDocumentUpload = true, DocumentTypes = [DocumentType.Id, DocumentType.Passport], DocumentCountries = ["GEO", "USA"], OptionalContinueOnAnotherDevice = true })
            .AddLiveness(f => f with { ActiveLiveness = true })
            .AddProofOfAddress(f => f with { GeneralDocumentTypes = [GeneralDocumentType.UtilityBill, GeneralDocumentType.BankStatement] })
            .AddSelfieWithId(f => f with { RequireFaceDocument = true })
            .AddVideoCall(c => c.ResetStepsOnRejoin().RequireName().AddIdentityDocument(key: "call-doc").AddLiveness(key: "call-live"))
            .AddPhoneNumber(f => f with { RequirePhoneNumberCheck = true })
            .AddEmail(f => f with { RequireEmail = true })
            .AddGeolocation(f => f with { RequireGeolocation = true })
            .AddUserQuestionnaire("kyc", new LocalizedText("en", "About you").With("ka", "თქვენ შესახებ"), q =>
            {
                q.Description("A few questions").SuccessButtonTitle("Send");
                for (var i = 0; i < QuestionCount; i++)
                {
                    var key = "q" + i;
                    var options = new[] { new QuestionOption(key + "_o0", "Zero"), new QuestionOption(key + "_o1", "One"), new QuestionOption(key + "_o2", "Two") };
                    _ = (i % 6) switch
                    {
                        0 => q.AddText(key, "Text " + i, x => x with { Mandatory = true, ReadOnly = false }),
                        1 => q.AddMultipleChoice(key, "Checks " + i, options, x => x with { Answer = [key + "_o0", key + "_o2"] }),
                        2 => q.AddSingleChoice(key, "Radio " + i, options, x => x with { Answer = key + "_o1", Mandatory = true }),
                        3 => q.AddDropdown(key, "Dropdown " + i, options, x => x with { Multiple = true, ShowConditions = new ShowCondition("q" + (i - 1), "q" + (i - 1) + "_o1") }),
                        4 => q.AddFile(key, "File " + i, x => x with { FileTypes = [FileType.Pdf, FileType.Image], FilesMaxCount = 3 }),
                        _ => q.AddAttachment(key, "Attachment " + i, x => x with { AllowOperatorUpload = false, Answer = ["file_1"] }),
                    };
                }
            })
            .AddOperatorQuestionnaire("ops", "Operator notes", q => q.AddText("impression", "Impression").AddSingleChoice("verdict", "Verdict", [new("ok", "OK"), new("not_ok", "Not OK")]))
            .Build();

    public static byte[] ReflectionAnonymous()
    {
        var questions = new object[QuestionCount];
        for (var i = 0; i < QuestionCount; i++)
        {
            var key = "q" + i;
            var options = new[] { new { key = key + "_o0", title = new { en = "Zero" } }, new { key = key + "_o1", title = new { en = "One" } }, new { key = key + "_o2", title = new { en = "Two" } } };
            questions[i] = (i % 6) switch
            {
                0 => new { type = "string", key, title = new { en = "Text " + i }, mandatory = true, readOnly = false },
                1 => new { type = "multiple-choice", key, title = new { en = "Checks " + i }, options, answer = new[] { key + "_o0", key + "_o2" } },
                2 => new { type = "options", key, title = new { en = "Radio " + i }, mandatory = true, options, answer = key + "_o1" },
                3 => new { type = "dropdown", key, title = new { en = "Dropdown " + i }, showConditions = new { questionKey = "q" + (i - 1), answer = "q" + (i - 1) + "_o1" }, options, multiple = true },
                4 => (object)new { type = "file", key, title = new { en = "File " + i }, fileTypes = new[] { "pdf", "image" }, filesMaxCount = 3 },
                _ => new { type = "attachment", key, title = new { en = "Attachment " + i }, allowOperatorUpload = false, answer = new[] { "file_1" } },
            };
        }

        var body = new
        {
            company_key = CompanyKey,
            flags = new { return_url = "https://example.com/kyc/done", language = "en", skip_desktop = false, requireHdMedia = true },
            steps = new object[]
            {
                new { type = "language", key = "language", title = "Language", flags = new { languages = new[] { "en", "ka", "ru" } } },
                new { type = "identity-document", key = "identity-document", title = "ID verification", flags = new { allow_document_upload = true, document_types = new[] { "id", "passport" }, document_countries = new[] { "GEO", "USA" }, optional_continue_on_another_device = true } },
                new { type = "liveness", key = "liveness", title = "Liveness", flags = new { liveness = true } },
                new { type = "general-document", key = "select_general_document", title = "Proof of address", flags = new { general_document_types = new[] { "utility_bill", "bank_statement" } } },
                new { type = "face-document", key = "capture_face_document", title = "Selfie with ID", flags = new { require_face_document = true } },
                new
                {
                    type = "video-call", key = "video-call", title = "Video call",
                    flags = new
                    {
                        steps = new object[] { new { type = "identity-document", key = "call-doc", title = "ID verification" }, new { type = "liveness", key = "call-live", title = "Liveness" } },
                        resetSteps = true,
                        nameRequired = true,
                    },
                },
                new { type = "phone-number", key = "phone_number", flags = new { require_phone_number_check = true } },
                new { type = "email", key = "require_email", flags = new { require_email = true } },
                new { type = "geolocation", key = "require_geolocation", flags = new { require_geolocation = true } },
                new { type = "user-questionnaire", key = "kyc", title = new Dictionary<string, string> { ["en"] = "About you", ["ka"] = "თქვენ შესახებ" }, description = new { en = "A few questions" }, questions, successButtonTitle = new { en = "Send" } },
                new
                {
                    type = "operator-questionnaire", key = "ops", title = new { en = "Operator notes" },
                    questions = new object[]
                    {
                        new { type = "string", key = "impression", title = new { en = "Impression" } },
                        new { type = "options", key = "verdict", title = new { en = "Verdict" }, options = new[] { new { key = "ok", title = new { en = "OK" } }, new { key = "not_ok", title = new { en = "Not OK" } } } },
                    },
                },
            },
            name = "Benchmark applicant",
            clientUserId = "user-42",
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, Reflection);
    }

    public static byte[] HandWritten() => HandWritten(default);

    /// <summary>The floor with the SDK's own writer setting: non-ASCII text unescaped.</summary>
    public static byte[] HandWrittenRelaxed() => HandWritten(new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static byte[] HandWritten(JsonWriterOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            w.WriteStartObject();
            w.WriteString("company_key", CompanyKey);
            w.WriteStartObject("flags");
            w.WriteString("return_url", "https://example.com/kyc/done");
            w.WriteString("language", "en");
            w.WriteBoolean("skip_desktop", false);
            w.WriteBoolean("requireHdMedia", true);
            w.WriteEndObject();
            w.WriteStartArray("steps");
            Step(w, "language", "language", "Language");
            w.WriteStartObject("flags");
            Strings(w, "languages", "en", "ka", "ru");
            w.WriteEndObject();
            w.WriteEndObject();
            Step(w, "identity-document", "identity-document", "ID verification");
            w.WriteStartObject("flags");
            w.WriteBoolean("allow_document_upload", true);
            Strings(w, "document_types", "id", "passport");
            Strings(w, "document_countries", "GEO", "USA");
            w.WriteBoolean("optional_continue_on_another_device", true);
            w.WriteEndObject();
            w.WriteEndObject();
            FlagStep(w, "liveness", "liveness", "Liveness", "liveness");
            Step(w, "general-document", "select_general_document", "Proof of address");
            w.WriteStartObject("flags");
            Strings(w, "general_document_types", "utility_bill", "bank_statement");
            w.WriteEndObject();
            w.WriteEndObject();
            FlagStep(w, "face-document", "capture_face_document", "Selfie with ID", "require_face_document");
            Step(w, "video-call", "video-call", "Video call");
            w.WriteStartObject("flags");
            w.WriteStartArray("steps");
            Step(w, "identity-document", "call-doc", "ID verification");
            w.WriteEndObject();
            Step(w, "liveness", "call-live", "Liveness");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteBoolean("resetSteps", true);
            w.WriteBoolean("nameRequired", true);
            w.WriteEndObject();
            w.WriteEndObject();
            FlagStep(w, "phone-number", "phone_number", null, "require_phone_number_check");
            FlagStep(w, "email", "require_email", null, "require_email");
            FlagStep(w, "geolocation", "require_geolocation", null, "require_geolocation");
            w.WriteStartObject();
            w.WriteString("type", "user-questionnaire");
            w.WriteString("key", "kyc");
            w.WriteStartObject("title");
            w.WriteString("en", "About you");
            w.WriteString("ka", "თქვენ შესახებ");
            w.WriteEndObject();
            Text(w, "description", "A few questions");
            w.WriteStartArray("questions");
            for (var i = 0; i < QuestionCount; i++)
            {
                Question(w, i);
            }

            w.WriteEndArray();
            Text(w, "successButtonTitle", "Send");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("type", "operator-questionnaire");
            w.WriteString("key", "ops");
            Text(w, "title", "Operator notes");
            w.WriteStartArray("questions");
            w.WriteStartObject();
            w.WriteString("type", "string");
            w.WriteString("key", "impression");
            Text(w, "title", "Impression");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("type", "options");
            w.WriteString("key", "verdict");
            Text(w, "title", "Verdict");
            w.WriteStartArray("options");
            Option(w, "ok", "OK");
            Option(w, "not_ok", "Not OK");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("name", "Benchmark applicant");
            w.WriteString("clientUserId", "user-42");
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Throws unless the three variants write structurally the same JSON.</summary>
    public static void Check()
    {
        var sdk = JsonDocument.Parse(Sdk()).RootElement;
        if (!JsonElement.DeepEquals(sdk, JsonDocument.Parse(ReflectionAnonymous()).RootElement)
            || !JsonElement.DeepEquals(sdk, JsonDocument.Parse(HandWritten()).RootElement)
            || !JsonElement.DeepEquals(sdk, JsonDocument.Parse(HandWrittenRelaxed()).RootElement))
        {
            throw new InvalidOperationException("The benchmark variants do not write the same JSON:\n" + sdk.GetRawText() + "\n" + JsonDocument.Parse(ReflectionAnonymous()).RootElement.GetRawText());
        }
    }

    private static void Step(Utf8JsonWriter w, string type, string key, string? title)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("key", key);
        if (title is not null)
        {
            w.WriteString("title", title);
        }
    }

    private static void FlagStep(Utf8JsonWriter w, string type, string key, string? title, string flag)
    {
        Step(w, type, key, title);
        w.WriteStartObject("flags");
        w.WriteBoolean(flag, true);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, params string[] values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter w, string name, string english)
    {
        w.WriteStartObject(name);
        w.WriteString("en", english);
        w.WriteEndObject();
    }

    private static void Option(Utf8JsonWriter w, string key, string title)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        Text(w, "title", title);
        w.WriteEndObject();
    }

    private static void Question(Utf8JsonWriter w, int i)
    {
        var key = "q" + i;
        var kind = i % 6;
        w.WriteStartObject();
        w.WriteString("type", kind switch { 0 => "string", 1 => "multiple-choice", 2 => "options", 3 => "dropdown", 4 => "file", _ => "attachment" });
        w.WriteString("key", key);
        Text(w, "title", kind switch { 0 => "Text ", 1 => "Checks ", 2 => "Radio ", 3 => "Dropdown ", 4 => "File ", _ => "Attachment " } + i);
        if (kind is 0 or 2)
        {
            w.WriteBoolean("mandatory", true);
        }

        if (kind == 3)
        {
            w.WriteStartObject("showConditions");
            w.WriteString("questionKey", "q" + (i - 1));
            w.WriteString("answer", "q" + (i - 1) + "_o1");
            w.WriteEndObject();
        }

        if (kind is 1 or 2 or 3)
        {
            w.WriteStartArray("options");
            Option(w, key + "_o0", "Zero");
            Option(w, key + "_o1", "One");
            Option(w, key + "_o2", "Two");
            w.WriteEndArray();
        }

        switch (kind)
        {
            case 0:
                w.WriteBoolean("readOnly", false);
                break;
            case 1:
                Strings(w, "answer", key + "_o0", key + "_o2");
                break;
            case 2:
                w.WriteString("answer", key + "_o1");
                break;
            case 3:
                w.WriteBoolean("multiple", true);
                break;
            case 4:
                Strings(w, "fileTypes", "pdf", "image");
                w.WriteNumber("filesMaxCount", 3);
                break;
            default:
                w.WriteBoolean("allowOperatorUpload", false);
                Strings(w, "answer", "file_1");
                break;
        }

        w.WriteEndObject();
    }
}
