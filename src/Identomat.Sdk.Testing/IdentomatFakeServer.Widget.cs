using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Identomat.Sdk.Testing;

// The fake widget: what a user sees at WidgetBaseAddress?session_token=…, so that an integration can be tried end to end
// with no account and no camera. It shows the flow the fake received in begin/, lets the tester pick the outcome,
// sends the one-time-password callbacks the flow asks for, and ends as the real widget does (a redirect to return_url,
// or "DONE" posted to the parent window when embedded). Plain HTML and one script served from the same origin: every
// value from the flow is HTML-encoded, and the Content-Security-Policy allows no inline script, so text from a flow
// can show but never run.
public sealed partial class IdentomatFakeServer
{
    private const int MaxFormBytes = 64 * 1024;
    private const int MaxCodeTries = 5;

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static readonly byte[] FakeImage = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>The outcomes the fake widget offers, as the form names them.</summary>
    private static readonly (string Value, string Label)[] Outcomes =
    [
        ("approved", "Approved"),
        ("rejected", "Rejected (with the reason below)"),
        ("manual_check", "Manual check (in review by an operator)"),
        ("in_progress", "Left in progress (back to the app, no verdict yet)"),
        ("abandoned", "Abandoned (the user closes the widget)"),
    ];

    private FakeWidgetListener? _widgetListener;

    /// <summary>
    /// Serves the fake widget on a loopback socket of its own (<c>http://127.0.0.1:{port}/widget/</c>), so that a real
    /// browser can open it, and points <see cref="WidgetBaseAddress"/> (and so <see cref="CreateClientOptions"/> and
    /// <c>UseIdentomatFake</c>) at it. The widget is its own origin, as the real one is: an app that checks the origin
    /// of the <c>"DONE"</c> message keeps checking it. Loopback only; stopped by <see cref="Dispose"/>.
    /// </summary>
    /// <returns>The widget's address.</returns>
    public Uri ServeWidget()
    {
        lock (_faults)
        {
            _widgetListener ??= FakeWidgetListener.Start(CreateHandler());
            return _widgetListener.WidgetAddress;
        }
    }

    /// <summary>The one-time-password and email codes the widget's callbacks carried, for assertions: token → code.</summary>
    private async Task<HttpResponseMessage> WidgetAsync(HttpRequestMessage request, string page, CancellationToken cancellationToken)
    {
        if (page == "widget.js" && request.Method == HttpMethod.Get)
        {
            return Respond(HttpStatusCode.OK, WidgetScript, "text/javascript; charset=utf-8");
        }

        if (request.Method == HttpMethod.Get && page.Length == 0)
        {
            var query = ParseForm(request.RequestUri!.Query.TrimStart('?'));
            return Page(Token(query), First(query, "lang"), errors: null, submitted: null);
        }

        if (request.Method != HttpMethod.Post || page is not ("otp" or "verify" or "complete"))
        {
            return Message(HttpStatusCode.NotFound, "Not found", "The fake widget has no such page.");
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length > MaxFormBytes)
        {
            return Message(HttpStatusCode.RequestEntityTooLarge, "Too large", "The form is larger than the fake widget reads.");
        }

        Dictionary<string, List<string>> form;
        try
        {
            form = ParseForm(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body));
        }
        catch (DecoderFallbackException)
        {
            return Message(HttpStatusCode.BadRequest, "Bad form", "The form is not valid UTF-8.");
        }

        var token = Token(form);
        if (Live(token, out var session) is { } refused)
        {
            return refused;
        }

        return page switch
        {
            "otp" => await SendCodeAsync(token!, session, form, cancellationToken).ConfigureAwait(false),
            "verify" => VerifyCode(token!, session, form),
            _ => Complete(token!, session, form),
        };
    }

    private static string? Token(Dictionary<string, List<string>> values) => First(values, "session_token");

    /// <summary>The fake's own page for a token it cannot serve, or null when the token is live (its session read once).</summary>
    private HttpResponseMessage? Live(string? token, out FakeSession session)
    {
        if (string.IsNullOrEmpty(token) || !_sessions.TryGetValue(token, out session!))
        {
            session = null!;
            return Message(HttpStatusCode.NotFound, "Unknown session", "The fake Identomat server knows no session with this token.");
        }

        if (IsExpired(session))
        {
            return Message(HttpStatusCode.Gone, "Session expired", "This session's token expired before the user started the flow.");
        }

        return session.Widget.Finished
            ? Message(HttpStatusCode.Conflict, "Already finished", "This session's flow was already finished; begin a new session.")
            : null;
    }

    private HttpResponseMessage Page(string? token, string? language, IReadOnlyList<string>? errors, Dictionary<string, List<string>>? submitted)
    {
        if (Live(token, out var session) is { } refused)
        {
            return refused;
        }

        session.Started = true;
        var request = session.Request;
        var languages = Languages(request);
        var lang = language is not null && languages.Contains(language) ? language : request.Flags?.Language?.ToString() is { Length: > 0 } l ? l : languages.FirstOrDefault() ?? "en";
        var html = new StringBuilder();
        Head(html, "Verify your identity");
        html.Append("<p class=\"fake\">FAKE Identomat widget: nothing here is verified, no data leaves this machine.</p>");
        if (languages.Count > 1)
        {
            html.Append("<nav class=\"languages\">Language: ");
            foreach (var option in languages)
            {
                html.Append(option == lang ? $"<strong>{E(option)}</strong> " : $"<a href=\"/widget/?session_token={U(token!)}&amp;lang={U(option)}\">{E(option)}</a> ");
            }

            html.Append("</nav>");
        }

        if (errors is { Count: > 0 })
        {
            html.Append("<ul class=\"errors\" id=\"errors\">");
            foreach (var error in errors)
            {
                html.Append("<li>").Append(E(error)).Append("</li>");
            }

            html.Append("</ul>");
        }

        var steps = StepsJson(request);
        for (var i = 0; i < (request.Steps?.Count ?? 0); i++)
        {
            var step = request.Steps![i];
            html.Append(Inv, $"<section class=\"step\" data-type=\"{E(step.Type)}\"><h2>{i + 1}. {E(StepTitle(step, lang))}</h2>");
            Describe(html, steps.Count > i ? steps[i] : default);
            switch (step)
            {
                case PhoneNumberStep { Flags.RequirePhoneNumberCheck: true }:
                    CodeForm(html, token!, lang, "phone", "Phone number", session.Widget.Phone, session.Widget.PhoneVerified, session.Widget.PhoneCode is not null);
                    break;
                case EmailStep { Flags.RequireEmailCheck: true }:
                    CodeForm(html, token!, lang, "email", "Email address", session.Widget.Email, session.Widget.EmailVerified, session.Widget.EmailCode is not null);
                    break;
            }

            html.Append("</section>");
        }

        html.Append(Inv, $"<form method=\"post\" action=\"complete\" id=\"complete\"><input type=\"hidden\" name=\"session_token\" value=\"{E(token!)}\"><input type=\"hidden\" name=\"lang\" value=\"{E(lang)}\">");
        for (var i = 0; i < (request.Steps?.Count ?? 0); i++)
        {
            if (request.Steps![i] is UserQuestionnaireStep questionnaire)
            {
                Questionnaire(html, i, questionnaire, lang, submitted);
            }
        }

        html.Append("<fieldset class=\"outcome\"><legend>FAKE: the outcome this session gets</legend>");
        var chosen = submitted is null ? "approved" : First(submitted, "outcome");
        foreach (var (value, label) in Outcomes)
        {
            html.Append(Inv, $"<label><input type=\"radio\" name=\"outcome\" value=\"{value}\"{(value == chosen ? " checked" : string.Empty)}> {label}</label><br>");
        }

        html.Append(Inv, $"<label>First name <input name=\"first_name\" value=\"{E(submitted is null ? "JANE" : First(submitted, "first_name") ?? string.Empty)}\"></label> ");
        html.Append(Inv, $"<label>Last name <input name=\"last_name\" value=\"{E(submitted is null ? "DOE" : First(submitted, "last_name") ?? string.Empty)}\"></label><br>");
        html.Append(Inv, $"<label>Reject reason <input name=\"reject_reason\" value=\"{E(submitted is null ? "face_mismatch" : First(submitted, "reject_reason") ?? string.Empty)}\"></label> ");
        html.Append(Inv, $"<label>Description <input name=\"reject_description\" value=\"{E(submitted is null ? "The face does not match the document photo" : First(submitted, "reject_description") ?? string.Empty)}\"></label>");
        html.Append("</fieldset><button type=\"submit\" id=\"finish\">Finish</button></form>");
        return Respond(errors is { Count: > 0 } ? (HttpStatusCode)422 : HttpStatusCode.OK, Foot(html), "text/html; charset=utf-8");
    }

    private static void Head(StringBuilder html, string title) =>
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append(Inv, $"<title>FAKE Identomat: {E(title)}</title><style>{Style}</style><script src=\"widget.js\" defer></script></head><body>")
            .Append(Inv, $"<h1>FAKE Identomat: {E(title)}</h1>");

    private static string Foot(StringBuilder html) => html.Append("</body></html>").ToString();

    /// <summary>What a step asks, read from its wire JSON: any step type, known or not, shows its type, key and flags.</summary>
    private static void Describe(StringBuilder html, JsonElement step)
    {
        if (step.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        html.Append("<dl class=\"wire\">");
        foreach (var property in step.EnumerateObject())
        {
            if (property.Name is "questions")
            {
                continue;
            }

            html.Append(Inv, $"<dt>{E(property.Name)}</dt><dd>{E(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText())}</dd>");
        }

        html.Append("</dl>");
    }

    private static List<JsonElement> StepsJson(SessionRequest request)
    {
        using var document = JsonDocument.Parse(request.ToJson());
        return document.RootElement.TryGetProperty("steps", out var steps) && steps.ValueKind == JsonValueKind.Array
            ? steps.EnumerateArray().Select(s => s.Clone()).ToList()
            : [];
    }

    private static string StepTitle(Step step, string lang) =>
        step is QuestionnaireStep { Title: { } title } ? Text(title, lang) ?? step.Type : step.Type;

    private static void CodeForm(StringBuilder html, string token, string lang, string kind, string label, string? address, bool verified, bool sent)
    {
        if (verified)
        {
            html.Append(Inv, $"<p class=\"verified\" id=\"{kind}-verified\">{E(label)} {E(address ?? string.Empty)} is verified.</p>");
            return;
        }

        html.Append(Inv, $"<form method=\"post\" action=\"otp\" class=\"code\"><input type=\"hidden\" name=\"session_token\" value=\"{E(token)}\"><input type=\"hidden\" name=\"lang\" value=\"{E(lang)}\">")
            .Append(Inv, $"<input type=\"hidden\" name=\"kind\" value=\"{kind}\"><label>{E(label)} <input name=\"address\" id=\"{kind}-address\" value=\"{E(address ?? string.Empty)}\" required></label> ")
            .Append(Inv, $"<button type=\"submit\" id=\"{kind}-send\">Send a code</button></form>");
        if (sent)
        {
            html.Append(Inv, $"<form method=\"post\" action=\"verify\" class=\"code\"><input type=\"hidden\" name=\"session_token\" value=\"{E(token)}\"><input type=\"hidden\" name=\"lang\" value=\"{E(lang)}\">")
                .Append(Inv, $"<input type=\"hidden\" name=\"kind\" value=\"{kind}\"><label>The code sent to {E(address ?? string.Empty)} <input name=\"code\" id=\"{kind}-code\" autocomplete=\"one-time-code\" required></label> ")
                .Append(Inv, $"<button type=\"submit\" id=\"{kind}-verify\">Verify</button></form>");
        }
    }

    private static void Questionnaire(StringBuilder html, int step, UserQuestionnaireStep questionnaire, string lang, Dictionary<string, List<string>>? submitted)
    {
        html.Append(Inv, $"<fieldset class=\"questionnaire\"><legend>{E(Text(questionnaire.Title, lang) ?? questionnaire.Key ?? "Questionnaire")}</legend>");
        if (Text(questionnaire.Description, lang) is { } description)
        {
            html.Append(Inv, $"<p>{E(description)}</p>");
        }

        foreach (var question in questionnaire.Questions ?? [])
        {
            var name = FieldName(step, question.Key);
            var values = submitted is not null && submitted.TryGetValue(name, out var typed) ? typed : Preset(question, lang);
            var condition = question.ShowConditions is { QuestionKey: { } showKey, Answer: { } showAnswer }
                ? $" data-show-name=\"{E(FieldName(step, showKey))}\" data-show-answer=\"{E(showAnswer)}\""
                : string.Empty;
            var required = question.Mandatory == true ? " required" : string.Empty;
            var readOnly = IsReadOnly(question);
            html.Append(Inv, $"<div class=\"question\" data-type=\"{E(question.Type)}\"{condition}><p class=\"title\">{E(Text(question.Title, lang) ?? question.Key ?? string.Empty)}")
                .Append(question.Mandatory == true ? " <span class=\"mandatory\">*</span>" : string.Empty).Append("</p>");
            switch (question)
            {
                case ChoiceQuestion choice:
                    var multiple = question is MultipleChoiceQuestion or DropdownQuestion { Multiple: true };
                    if (question is DropdownQuestion)
                    {
                        html.Append(Inv, $"<select name=\"{E(name)}\"{(multiple ? " multiple" : string.Empty)}{required}><option value=\"\"></option>");
                        foreach (var option in choice.Options ?? [])
                        {
                            html.Append(Inv, $"<option value=\"{E(option.Key ?? string.Empty)}\"{(values.Contains(option.Key ?? string.Empty) ? " selected" : string.Empty)}>{E(Text(option.Title, lang) ?? option.Key ?? string.Empty)}</option>");
                        }

                        html.Append("</select>");
                        break;
                    }

                    foreach (var option in choice.Options ?? [])
                    {
                        html.Append(Inv, $"<label><input type=\"{(multiple ? "checkbox" : "radio")}\" name=\"{E(name)}\" value=\"{E(option.Key ?? string.Empty)}\"")
                            .Append(values.Contains(option.Key ?? string.Empty) ? " checked" : string.Empty)
                            .Append(readOnly ? " disabled" : string.Empty).Append(multiple ? string.Empty : required)
                            .Append(Inv, $"> {E(Text(option.Title, lang) ?? option.Key ?? string.Empty)}</label><br>");
                    }

                    // A disabled input is not submitted: a read-only question's preset answer goes in hidden inputs (the
                    // server takes the preset anyway).
                    foreach (var value in readOnly ? values : [])
                    {
                        html.Append(Inv, $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");
                    }

                    break;
                case FilesQuestion:
                    html.Append(Inv, $"<input name=\"{E(name)}\" placeholder=\"file names (FAKE: nothing is uploaded)\" value=\"{E(values.FirstOrDefault() ?? string.Empty)}\"{required}>");
                    break;
                default:
                    html.Append(Inv, $"<input name=\"{E(name)}\" value=\"{E(values.FirstOrDefault() ?? string.Empty)}\"{(readOnly ? " readonly" : string.Empty)}{required}>");
                    break;
            }

            html.Append("</div>");
        }

        html.Append("</fieldset>");
    }

    private static bool IsReadOnly(Question question) =>
        question is StringQuestion { ReadOnly: true } or OptionsQuestion { ReadOnly: true } or MultipleChoiceQuestion { ReadOnly: true };

    private static List<string> Preset(Question question, string lang) => question switch
    {
        StringQuestion { Answer: { } answer } => Text(answer, lang) is { } text ? [text] : [],
        OptionsQuestion { Answer: { } answer } => [answer],
        MultipleChoiceQuestion { Answer: { } answers } => answers.ToList(),
        _ => [],
    };

    private static string FieldName(int step, string? questionKey) => $"q.{step.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{questionKey}";

    private async Task<HttpResponseMessage> SendCodeAsync(string token, FakeSession session, Dictionary<string, List<string>> form, CancellationToken cancellationToken)
    {
        var kind = First(form, "kind");
        var address = First(form, "address")?.Trim() ?? string.Empty;
        var steps = session.Request.Steps ?? [];
        var asked = kind switch
        {
            "phone" => steps.Any(s => s is PhoneNumberStep { Flags.RequirePhoneNumberCheck: true }),
            "email" => steps.Any(s => s is EmailStep { Flags.RequireEmailCheck: true }),
            _ => false,
        };
        if (!asked)
        {
            return Page(token, First(form, "lang"), ["This flow asks for no such check."], null);
        }

        if (!(kind == "phone" ? PhoneNumber().IsMatch(address) : EmailAddress().IsMatch(address)))
        {
            return Page(token, First(form, "lang"), [kind == "phone" ? "Enter a phone number: digits, with a leading +." : "Enter an email address."], null);
        }

        if (CallbackUrl is not { } callbackUrl)
        {
            return Page(token, First(form, "lang"), ["The fake has no CallbackUrl (IdentomatFakeServerOptions.CallbackUrl): it cannot send the code."], null);
        }

        var code = RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var phone = kind == "phone";
        var fields = new Dictionary<string, string> { ["text"] = $"Your FAKE Identomat code is {code}", [phone ? "phoneNumber" : "email"] = address };
        var body = CreateCallbackBody(phone ? "one-time-password-request" : "email-one-time-password-request", token, fields);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _callbacks.PostAsync(callbackUrl, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Page(token, First(form, "lang"), [$"The callback to {callbackUrl} was answered {(int)response.StatusCode}: no code was sent."], null);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return Page(token, First(form, "lang"), [$"The callback to {callbackUrl} failed ({ex.GetType().Name}): no code was sent."], null);
        }

        lock (session.Widget)
        {
            if (phone)
            {
                (session.Widget.Phone, session.Widget.PhoneCode, session.Widget.PhoneVerified, session.Widget.FailedTries) = (address, code, false, 0);
            }
            else
            {
                (session.Widget.Email, session.Widget.EmailCode, session.Widget.EmailVerified, session.Widget.FailedTries) = (address, code, false, 0);
            }
        }

        return Page(token, First(form, "lang"), null, null);
    }

    private HttpResponseMessage VerifyCode(string token, FakeSession session, Dictionary<string, List<string>> form)
    {
        var phone = First(form, "kind") == "phone";
        var typed = First(form, "code")?.Trim() ?? string.Empty;
        lock (session.Widget)
        {
            var expected = phone ? session.Widget.PhoneCode : session.Widget.EmailCode;
            if (expected is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(typed), Encoding.UTF8.GetBytes(expected)))
            {
                // A code is good for five tries, as a real one-time password is for a few: then a new one must be sent.
                if (expected is not null && ++session.Widget.FailedTries >= MaxCodeTries)
                {
                    (session.Widget.PhoneCode, session.Widget.EmailCode, session.Widget.FailedTries) = (phone ? null : session.Widget.PhoneCode, phone ? session.Widget.EmailCode : null, 0);
                    return Page(token, First(form, "lang"), ["Too many wrong codes: send a new one."], null);
                }

                return Page(token, First(form, "lang"), ["That is not the code that was sent."], null);
            }

            session.Widget.FailedTries = 0;

            if (phone)
            {
                session.Widget.PhoneVerified = true;
            }
            else
            {
                session.Widget.EmailVerified = true;
            }
        }

        return Page(token, First(form, "lang"), null, null);
    }

    private HttpResponseMessage Complete(string token, FakeSession session, Dictionary<string, List<string>> form)
    {
        var request = session.Request;
        var errors = new List<string>();
        var outcome = First(form, "outcome");
        if (Outcomes.All(o => o.Value != outcome))
        {
            errors.Add("Pick an outcome.");
        }

        foreach (var step in request.Steps ?? [])
        {
            if (step is PhoneNumberStep { Flags.RequirePhoneNumberCheck: true } && !session.Widget.PhoneVerified)
            {
                errors.Add("The phone number is not verified yet.");
            }

            if (step is EmailStep { Flags.RequireEmailCheck: true } && !session.Widget.EmailVerified)
            {
                errors.Add("The email address is not verified yet.");
            }
        }

        var questionnaires = new List<QuestionnaireAnswers>();
        for (var i = 0; i < (request.Steps?.Count ?? 0); i++)
        {
            if (request.Steps![i] is UserQuestionnaireStep questionnaire)
            {
                questionnaires.Add(Answers(i, questionnaire, form, errors));
            }
        }

        if (errors.Count > 0)
        {
            return Page(token, First(form, "lang"), errors, form);
        }

        // A verdict ends the flow; a user who left it in progress, or closed the widget, may come back to it.
        var verdict = outcome is "approved" or "rejected" or "manual_check";
        lock (session.Widget)
        {
            if (session.Widget.Finished)
            {
                return Message(HttpStatusCode.Conflict, "Already finished", "This session's flow was already finished; begin a new session.");
            }

            session.Widget.Finished = verdict;
        }

        var result = Result(outcome!, form, questionnaires);
        if (result.Status is not null
            && request.Steps?.OfType<IdentityDocumentStep>().FirstOrDefault()?.Flags?.DocumentTypes is [var allowed, ..])
        {
            // The document the flow allows, not one it does not.
            result = result with { DocumentType = allowed };
        }

        session.ResultJson = result.ToJson();
        session.Started = true;
        if (result.Status is not null)
        {
            session.Media[MediaKind.CardFront] = (FakeImage, "image/png");
            session.Media[MediaKind.CardBack] = (FakeImage, "image/png");
            session.Media[MediaKind.Face] = (FakeImage, "image/png");
        }

        return Finished(outcome!, request.Flags?.ReturnUrl);
    }

    private static QuestionnaireAnswers Answers(int step, UserQuestionnaireStep questionnaire, Dictionary<string, List<string>> form, List<string> errors)
    {
        // What each question answers: a read-only question its preset (whatever was posted), any other what was typed.
        var lang = First(form, "lang") ?? LocalizedText.DefaultLanguage;
        var effective = (questionnaire.Questions ?? []).ToDictionary(
            q => q,
            q => IsReadOnly(q) ? Preset(q, lang) : form.TryGetValue(FieldName(step, q.Key), out var typed) ? typed.Where(v => v.Length > 0).ToList() : []);
        var byKey = effective.Where(e => e.Key.Key is not null).GroupBy(e => e.Key.Key!).ToDictionary(g => g.Key, g => g.First().Value);
        var answered = new List<QuestionAnswer>();
        foreach (var question in questionnaire.Questions ?? [])
        {
            var values = effective[question];
            if (question.ShowConditions is { QuestionKey: { } showKey, Answer: { } showAnswer }
                && !(byKey.TryGetValue(showKey, out var shown) && shown.Contains(showAnswer)))
            {
                continue;
            }

            if (values.Count == 0)
            {
                if (question.Mandatory == true)
                {
                    errors.Add($"'{question.Key}' is mandatory.");
                }

                continue;
            }

            if (question is ChoiceQuestion choice && values.Any(v => choice.Options?.Any(o => o.Key == v) != true))
            {
                errors.Add($"'{question.Key}' has an answer that is not one of its options.");
                continue;
            }

            var multiple = question is MultipleChoiceQuestion or DropdownQuestion { Multiple: true };
            var answer = multiple
                ? JsonSerializer.SerializeToElement(values.ToArray(), FakeJsonContext.Default.StringArray)
                : JsonSerializer.SerializeToElement(values[0], FakeJsonContext.Default.String);
            answered.Add(new QuestionAnswer { Key = question.Key, Answer = answer });
        }

        return new QuestionnaireAnswers { Key = questionnaire.Key, Questions = answered };
    }

    private static VerificationResult Result(string outcome, Dictionary<string, List<string>> form, List<QuestionnaireAnswers> questionnaires)
    {
        var first = First(form, "first_name") is { Length: > 0 } f ? f : "JANE";
        var last = First(form, "last_name") is { Length: > 0 } l ? l : "DOE";
        var result = outcome switch
        {
            "approved" => FakeResults.Approved(first, last),
            "rejected" => FakeResults.Rejected(First(form, "reject_reason") ?? "face_mismatch", First(form, "reject_description") ?? string.Empty) with
            {
                Person = FakeResults.Approved(first, last).Person,
                Name = first + " " + last,
            },
            "manual_check" => FakeResults.ManualCheck() with { Person = FakeResults.Approved(first, last).Person, Name = first + " " + last },
            _ => FakeResults.InProgress(),
        };

        // Every answer of the fake says so: the comment an operator would leave.
        result = result with { Comment = "FAKE: picked in the fake widget of Identomat.Sdk.Testing" };
        return questionnaires.Count > 0 && result.Status is not null ? result with { Questionnaires = questionnaires } : result;
    }

    private static HttpResponseMessage Finished(string outcome, Uri? returnUrl)
    {
        var html = new StringBuilder();
        Head(html, outcome == "abandoned" ? "You left the verification" : "Verification finished");
        html.Append(Inv, $"<p class=\"fake\">FAKE outcome: <strong id=\"outcome\">{E(outcome)}</strong>.</p>");
        if (outcome == "abandoned")
        {
            html.Append("<p>The user closed the widget: nothing is sent back to the app, and the result stays in progress.</p>");
            return Respond(HttpStatusCode.OK, Foot(html), "text/html; charset=utf-8");
        }

        // The script posts "DONE" to the parent window when embedded, or goes to return_url; only an http(s) URL is
        // followed (a javascript: URL would run in the widget's origin).
        var target = returnUrl is { IsAbsoluteUri: true, Scheme: "http" or "https" } ? returnUrl.AbsoluteUri : null;
        html.Append(Inv, $"<div id=\"done\" data-return-url=\"{E(target ?? string.Empty)}\"></div>");
        html.Append(target is null
            ? "<p>Return to the app.</p>"
            : $"<p><a href=\"{E(target)}\" id=\"return\">Return to the app</a></p>");
        return Respond(HttpStatusCode.OK, Foot(html), "text/html; charset=utf-8");
    }

    private static HttpResponseMessage Message(HttpStatusCode status, string title, string text)
    {
        var html = new StringBuilder();
        Head(html, title);
        html.Append(Inv, $"<p class=\"fake\">{E(text)}</p>");
        return Respond(status, Foot(html), "text/html; charset=utf-8");
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, string content, string contentType)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(content)) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        response.Headers.TryAddWithoutValidation(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'");
        response.Headers.TryAddWithoutValidation("X-Content-Type-Options", "nosniff");
        response.Headers.TryAddWithoutValidation("Referrer-Policy", "no-referrer");
        response.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoStore = true };
        return response;
    }

    /// <summary>Every language the flow's texts are written in, the flow's own language first.</summary>
    private static List<string> Languages(SessionRequest request)
    {
        var found = new List<string>();
        if (request.Flags?.Language?.ToString() is { Length: > 0 } own)
        {
            found.Add(own);
        }

        void Add(LocalizedText? text)
        {
            foreach (var language in text?.PlainText is null ? text?.Keys ?? [] : [])
            {
                if (!found.Contains(language))
                {
                    found.Add(language);
                }
            }
        }

        foreach (var questionnaire in request.Steps?.OfType<QuestionnaireStep>() ?? [])
        {
            Add(questionnaire.Title);
            Add(questionnaire.Description);
            foreach (var question in questionnaire.Questions ?? [])
            {
                Add(question.Title);
                foreach (var option in (question as ChoiceQuestion)?.Options ?? [])
                {
                    Add(option.Title);
                }
            }
        }

        return found;
    }

    private static string? Text(LocalizedText? text, string lang) =>
        text is null ? null
        : text.PlainText ?? (text.TryGetValue(lang, out var value) ? value
        : text.TryGetValue(LocalizedText.DefaultLanguage, out var english) ? english
        : text.Values.FirstOrDefault());

    private static string? First(Dictionary<string, List<string>> values, string name) =>
        values.TryGetValue(name, out var list) && list.Count > 0 ? list[0] : null;

    private static Dictionary<string, List<string>> ParseForm(string text)
    {
        var form = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : WebUtility.UrlDecode(pair[(equals + 1)..]);
            if (!form.TryGetValue(name, out var list))
            {
                form[name] = list = [];
            }

            list.Add(value);
        }

        return form;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string U(string text) => Uri.EscapeDataString(text);

    private const string Style =
        "body{font-family:sans-serif;max-width:46em;margin:1em auto;padding:0 1em}.fake{background:#fff3c4;padding:.5em;border:1px solid #e0b000}" +
        ".errors{color:#a00}.step{border-top:1px solid #ccc}.wire{font-size:.85em;color:#555}.wire dt{font-weight:bold}" +
        ".question{margin:.5em 0}.question[hidden]{display:none}fieldset{margin:1em 0}";

    // Show conditions (a question shows when the question it names has the given answer), and the end of the flow.
    // Names and answers are compared as strings from data attributes: nothing from the flow becomes code or a selector.
    private const string WidgetScript = """
        "use strict";
        (function () {
          function answers(form, name) {
            var out = [];
            for (var i = 0; i < form.elements.length; i++) {
              var el = form.elements[i];
              if (el.name !== name) continue;
              if (el.type === "radio" || el.type === "checkbox") { if (el.checked) out.push(el.value); }
              else if (el.tagName === "SELECT") { for (var j = 0; j < el.options.length; j++) if (el.options[j].selected) out.push(el.options[j].value); }
              else out.push(el.value);
            }
            return out;
          }
          function update(form) {
            var questions = form.querySelectorAll("[data-show-name]");
            for (var i = 0; i < questions.length; i++) {
              var q = questions[i];
              var shown = answers(form, q.getAttribute("data-show-name")).indexOf(q.getAttribute("data-show-answer")) >= 0;
              q.hidden = !shown;
              var inputs = q.querySelectorAll("input, select, textarea");
              for (var k = 0; k < inputs.length; k++) inputs[k].disabled = !shown;
            }
          }
          document.addEventListener("DOMContentLoaded", function () {
            var form = document.getElementById("complete");
            if (form) { update(form); form.addEventListener("change", function () { update(form); }); }
            var done = document.getElementById("done");
            if (done) {
              if (window.parent !== window) window.parent.postMessage("DONE", "*");
              else if (done.getAttribute("data-return-url")) window.location.replace(done.getAttribute("data-return-url"));
            }
          });
        })();
        """;

    /// <summary>What the widget keeps of a session while the user goes through it.</summary>
    private sealed class WidgetState
    {
        public string? Phone { get; set; }

        public string? PhoneCode { get; set; }

        public bool PhoneVerified { get; set; }

        public string? Email { get; set; }

        public string? EmailCode { get; set; }

        public bool EmailVerified { get; set; }

        public bool Finished { get; set; }

        public int FailedTries { get; set; }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,24}$")]
    private static partial System.Text.RegularExpressions.Regex PhoneNumber();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^\s@<>""]{1,64}@[^\s@<>""]{1,190}$")]
    private static partial System.Text.RegularExpressions.Regex EmailAddress();
}
