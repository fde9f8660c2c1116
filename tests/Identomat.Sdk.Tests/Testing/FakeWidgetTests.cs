using System.Net;
using System.Text.Json;
using Identomat.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.Testing;

/// <summary>
/// The fake widget over HTTP (no browser): the pages it serves for a session, what a finished flow makes <c>result/</c>
/// answer, the one-time-password callbacks it sends, and the tokens and posts it refuses. The browser tests drive the
/// same pages in Chromium.
/// </summary>
public class FakeWidgetTests
{
    private static SessionRequest Flow(Uri? returnUrl = null) =>
        new SessionBuilder()
            .Language("en")
            .ReturnTo(returnUrl ?? new Uri("https://bank.example/verify/done"))
            .AddLiveness()
            .AddUserQuestionnaire("about_you", new LocalizedText("en", "About you").With("ka", "თქვენ შესახებ"), q => q
                .AddText("occupation", new LocalizedText("en", "Occupation").With("ka", "საქმიანობა"), x => x with { Mandatory = true })
                .AddSingleChoice("pep", "Are you a politically exposed person?", [new QuestionOption("yes", "Yes"), new QuestionOption("no", "No")])
                .AddText("pep_role", "Which role?", x => x with { Mandatory = true, ShowConditions = new ShowCondition("pep", "yes") })
                .AddMultipleChoice("income", "Sources of income", [new QuestionOption("salary", "Salary"), new QuestionOption("rent", "Rent")]))
            .Build();

    [Test]
    public async Task The_page_shows_each_step_and_the_questionnaire_in_the_flows_language_and_says_FAKE()
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(Flow());

        using var page = await http.GetAsync(session.WidgetUrl);
        var html = await page.Content.ReadAsStringAsync();

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("FAKE Identomat widget"));
        Assert.That(html, Does.Contain("data-type=\"liveness\""));
        Assert.That(html, Does.Contain(">Occupation <span class=\"mandatory\">*</span>"));
        Assert.That(html, Does.Contain("name=\"q.1.pep\" value=\"yes\""));
        Assert.That(html, Does.Contain("data-show-name=\"q.1.pep\" data-show-answer=\"yes\""));
        Assert.That(html, Does.Contain("lang=ka"), "a switch to the other language the flow defines");
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'"));
        Assert.That(fake.IsExpired(session.Token), Is.False);

        var georgian = await http.GetStringAsync(session.WidgetUrl + "&lang=ka");
        Assert.That(georgian, Does.Contain(">საქმიანობა <span"));
    }

    [Test]
    public async Task Finishing_approved_makes_result_answer_a_typed_result_with_the_answers_typed_in_the_page_and_media()
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(Flow());

        using var done = await Post(http, session, "complete", ("outcome", "approved"), ("first_name", "NINO"), ("last_name", "BERIDZE"),
            ("q.1.occupation", "Engineer"), ("q.1.pep", "no"), ("q.1.pep_role", "ignored: the question is not shown"),
            ("q.1.income", "salary"), ("q.1.income", "rent"));
        var html = await done.Content.ReadAsStringAsync();

        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("data-return-url=\"https://bank.example/verify/done\""));
        var result = await client.GetResultAsync(session.Token);
        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
        Assert.That(result.Person!.FirstName, Is.EqualTo("NINO"));
        Assert.That(result.Comment, Does.StartWith("FAKE"));
        Assert.That(result.Person.LastName, Is.EqualTo("BERIDZE"));
        var answers = result.Questionnaires!.Single();
        Assert.That(answers.Key, Is.EqualTo("about_you"));
        Assert.That(answers.Questions!.Select(q => q.Key), Is.EqualTo(new[] { "occupation", "pep", "income" }));
        Assert.That(answers.Questions![0].Answer!.Value.GetString(), Is.EqualTo("Engineer"));
        Assert.That(answers.Questions[2].Answer!.Value.EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "salary", "rent" }));
        using var front = await client.GetMediaAsync(session.Token, MediaKind.CardFront);
        Assert.That(front.IsAvailable, Is.True);
        Assert.That(front.ContentType, Is.EqualTo("image/png"));
    }

    [Test]
    public async Task A_shown_mandatory_question_left_empty_is_refused_with_the_page_again_and_the_answers_kept()
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(Flow());

        using var refused = await Post(http, session, "complete", ("outcome", "approved"), ("q.1.occupation", "Engineer"), ("q.1.pep", "yes"));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.That((int)refused.StatusCode, Is.EqualTo(422));
        Assert.That(html, Does.Contain("&#39;pep_role&#39; is mandatory."));
        Assert.That(html, Does.Contain("value=\"Engineer\""), "what was typed is kept");
        Assert.That((await client.GetResultAsync(session.Token)).Status, Is.Null, "nothing was finished");
    }

    [TestCase("rejected", "rejected")]
    [TestCase("manual_check", "manual_check")]
    public async Task Rejected_and_in_review_outcomes_reach_the_result(string outcome, string status)
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(Flow());

        using var _ = await Post(http, session, "complete", ("outcome", outcome), ("q.1.occupation", "Engineer"),
            ("reject_reason", "document_expired"), ("reject_description", "The document has expired"));

        var result = await client.GetResultAsync(session.Token);
        Assert.That(result.Status, Is.EqualTo(new VerificationStatus(status)));
        if (outcome == "rejected")
        {
            Assert.That(result.RejectReason!.Value, Is.EqualTo("document_expired"));
            Assert.That(result.RejectReason.Description, Is.EqualTo("The document has expired"));
        }
    }

    [TestCase("in_progress")]
    [TestCase("abandoned")]
    public async Task In_progress_and_abandoned_leave_the_result_without_a_status(string outcome)
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(Flow());

        using var done = await Post(http, session, "complete", ("outcome", outcome), ("q.1.occupation", "Engineer"));
        var html = await done.Content.ReadAsStringAsync();

        Assert.That((await client.GetResultAsync(session.Token)).Status, Is.Null);
        Assert.That(html.Contains("data-return-url", StringComparison.Ordinal), Is.EqualTo(outcome == "in_progress"), "only an abandoned flow does not go back to the app");
        Assert.That(fake.IsExpired(session.Token), Is.False, "the user started it");
        using var again = await http.GetAsync(session.WidgetUrl);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a user who left without a verdict may come back");
    }

    [Test]
    public async Task The_document_of_a_verdict_is_one_the_flow_allows()
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(new SessionBuilder().AddIdentityDocument(f => f with { DocumentTypes = [DocumentType.Passport] }).Build());

        using (await Post(http, session, "complete", ("outcome", "manual_check")))
        {
        }

        Assert.That((await client.GetResultAsync(session.Token)).DocumentType, Is.EqualTo(DocumentType.Passport));
    }

    [Test]
    public async Task Unknown_expired_and_finished_tokens_get_the_fakes_own_page_and_change_nothing()
    {
        var time = new FakeTimeProvider();
        using var widget = new Widget(new() { TimeProvider = time });
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var expired = await client.BeginSessionAsync(Flow());
        var finished = await client.BeginSessionAsync(Flow());
        time.Advance(TimeSpan.FromMinutes(16));

        using var unknown = await http.GetAsync(fake.WidgetBaseAddress + "?session_token=" + new string('a', 40));
        using var old = await http.GetAsync(expired.WidgetUrl);
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("FAKE Identomat: Unknown session"));
        Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(await old.Content.ReadAsStringAsync(), Does.Contain("expired"));

        fake.CompleteSession(finished.Token, FakeResults.Rejected());
        using (await Post(http, finished, "complete", ("outcome", "approved"), ("q.1.occupation", "x")))
        {
        }

        Assert.That((await client.GetResultAsync(finished.Token)).Status, Is.EqualTo(VerificationStatus.Approved), "a started session can be finished once in the page");
        using var replay = await Post(http, finished, "complete", ("outcome", "rejected"), ("q.1.occupation", "x"));
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await client.GetResultAsync(finished.Token)).Status, Is.EqualTo(VerificationStatus.Approved), "a replayed post changes nothing");
    }

    [Test]
    public async Task Every_flow_text_is_escaped_and_no_script_is_inline()
    {
        const string Hostile = "</script><script>window.pwned=1</script>\"><img src=x onerror=alert(1)>javascript:alert(1)\u2028";
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var flow = new SessionBuilder()
            .AddUserQuestionnaire("q" , new LocalizedText("en", Hostile).With("x\"><b>", Hostile), q => q
                .Description(Hostile)
                .AddText("text", Hostile, x => x with { Answer = Hostile })
                .AddSingleChoice("choice", Hostile, [new QuestionOption("k\"><i>", Hostile)], x => x with { Answer = "k\"><i>" })
                .AddText("shown", Hostile, x => x with { ShowConditions = new ShowCondition("choice", "k\"><i>") }))
            .Build();
        var session = await client.BeginSessionAsync(flow);

        var html = await http.GetStringAsync(session.WidgetUrl);

        Assert.That(html, Does.Not.Contain("<script>window"));
        Assert.That(html, Does.Not.Contain("<img"));
        Assert.That(html, Does.Not.Contain("<b>"));
        Assert.That(html, Does.Not.Contain("<i>"));
        Assert.That(html, Does.Contain("&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "<script").Select(m => html.Substring(m.Index, 40)),
            Is.All.StartsWith("<script src=\"widget.js\" defer></script>"), "the one script is the widget's own file");
    }

    [Test]
    public async Task A_phone_check_sends_a_one_time_password_callback_and_only_its_code_verifies()
    {
        var received = new List<string>();
        using var app = new CallbackRecorder(received);
        using var widget = new Widget(new() { CallbackUrl = new Uri("https://bank.example/identomat/callbacks"), CallbackHandler = app });
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(new SessionBuilder().AddPhoneNumber(f => f with { RequirePhoneNumberCheck = true }).Build());

        using var notYet = await Post(http, session, "complete", ("outcome", "approved"));
        Assert.That(await notYet.Content.ReadAsStringAsync(), Does.Contain("The phone number is not verified yet."));
        using (await Post(http, session, "otp", ("kind", "phone"), ("address", "+995512345678")))
        {
        }

        var callback = new IdentomatCallbackParser([fake.CallbackApiKey], fake.CompanyKey).Parse(received.Single());
        var otp = (OneTimePasswordRequestCallback)callback;
        Assert.That(otp.SessionId, Is.EqualTo(session.Token));
        Assert.That(otp.PhoneNumber, Is.EqualTo("+995512345678"));
        var code = System.Text.RegularExpressions.Regex.Match(otp.Text!, "[0-9]{4}").Value;
        var wrong = code == "0000" ? "0001" : "0000";

        using var refused = await Post(http, session, "verify", ("kind", "phone"), ("code", wrong));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("That is not the code that was sent."));
        using var verified = await Post(http, session, "verify", ("kind", "phone"), ("code", code));
        Assert.That(await verified.Content.ReadAsStringAsync(), Does.Contain("is verified"));
        using (await Post(http, session, "complete", ("outcome", "approved")))
        {
        }

        Assert.That((await client.GetResultAsync(session.Token)).Status, Is.EqualTo(VerificationStatus.Approved));
    }

    [Test]
    public async Task Without_a_callback_url_the_page_says_which_option_is_missing_and_sends_nothing()
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(new SessionBuilder().AddEmail(f => f with { RequireEmailCheck = true }).Build());

        using var page = await Post(http, session, "otp", ("kind", "email"), ("address", "jane@example.com"));

        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("IdentomatFakeServerOptions.CallbackUrl"));
    }

    [Test]
    public async Task An_oversized_or_malformed_form_is_refused()
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(Flow());

        using var large = await http.PostAsync(new Uri(fake.WidgetBaseAddress, "complete"), new StringContent("session_token=" + session.Token + "&x=" + new string('a', 70_000)));
        using var invalid = await http.PostAsync(new Uri(fake.WidgetBaseAddress, "complete"), new ByteArrayContent([0x73, 0x3d, 0xff, 0xfe]));

        Assert.That(large.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await client.GetResultAsync(session.Token)).Status, Is.Null);
    }

    [Test]
    public async Task A_flow_with_a_step_type_the_widget_does_not_know_still_shows_it_from_its_wire_json()
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var flow = SessionRequest.FromJson("""{"steps":[{"type":"palm-scan","key":"palm","flags":{"hand":"left"}}]}""");
        var session = await client.BeginSessionAsync(flow);

        var html = await http.GetStringAsync(session.WidgetUrl);

        Assert.That(html, Does.Contain("data-type=\"palm-scan\""));
        Assert.That(html, Does.Contain("<dt>flags</dt><dd>{&quot;hand&quot;:&quot;left&quot;}</dd>"));
    }

    [Test]
    public async Task The_widget_is_served_on_a_loopback_socket_a_browser_can_reach()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        var address = fake.ServeWidget();
        using var client = fake.CreateClient();
        var session = await client.BeginSessionAsync(Flow());
        using var http = new HttpClient();

        using var page = await http.GetAsync(session.WidgetUrl);
        using var script = await http.GetAsync(new Uri(address, "widget.js"));

        Assert.That(address.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(session.WidgetUrl.GetLeftPart(UriPartial.Path), Is.EqualTo(address.AbsoluteUri));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("FAKE Identomat widget"));
        Assert.That(script.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/javascript"));
    }

    [Test]
    public async Task The_WireMock_fake_serves_the_widget_on_its_socket_with_the_query_and_the_redirect_target()
    {
        using var host = Identomat.Sdk.Testing.WireMock.IdentomatWireMockServer.Start();
        using var client = host.CreateClient();
        var session = await client.BeginSessionAsync(Flow());
        using var http = new HttpClient();

        using var page = await http.GetAsync(session.WidgetUrl);
        var html = await page.Content.ReadAsStringAsync();
        using var done = await Post(http, session, "complete", ("outcome", "rejected"), ("q.1.occupation", "Engineer"));

        Assert.That(session.WidgetUrl.GetLeftPart(UriPartial.Path), Is.EqualTo(host.WidgetBaseAddress.AbsoluteUri));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("value=\"" + session.Token + "\""), "the token in the query reached the fake");
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'"));
        Assert.That(await done.Content.ReadAsStringAsync(), Does.Contain("data-return-url=\"https://bank.example/verify/done\""));
        Assert.That((await client.GetResultAsync(session.Token)).Status, Is.EqualTo(VerificationStatus.Rejected));
    }

    [Test]
    public async Task A_read_only_questions_preset_answer_is_its_answer_and_opens_its_conditions()
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(new SessionBuilder()
            .AddUserQuestionnaire("q", "Questions", q => q
                .AddSingleChoice("employment", "Employment", [new QuestionOption("employed", "Employed"), new QuestionOption("other", "Other")],
                    x => x with { ReadOnly = true, Answer = "employed" })
                .AddText("employer", "Employer", x => x with { Mandatory = true, ShowConditions = new ShowCondition("employment", "employed") }))
            .Build());

        var html = await http.GetStringAsync(session.WidgetUrl);
        using var done = await Post(http, session, "complete", ("outcome", "approved"), ("q.0.employer", "ACME"), ("q.0.employment", "other"));

        Assert.That(html, Does.Contain("<input type=\"hidden\" name=\"q.0.employment\" value=\"employed\">"), "a disabled input is not submitted");
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var answers = (await client.GetResultAsync(session.Token)).Questionnaires!.Single().Questions!.ToDictionary(a => a.Key!, a => a.Answer!.Value.GetString());
        Assert.That(answers, Is.EqualTo(new Dictionary<string, string?> { ["employment"] = "employed", ["employer"] = "ACME" }), "the preset, whatever was posted");
    }

    [Test]
    public async Task A_code_is_good_for_five_tries_and_only_for_a_check_the_flow_asks()
    {
        var received = new List<string>();
        using var app = new CallbackRecorder(received);
        using var widget = new Widget(new() { CallbackUrl = new Uri("https://bank.example/identomat/callbacks"), CallbackHandler = app });
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(new SessionBuilder().AddPhoneNumber(f => f with { RequirePhoneNumberCheck = true }).Build());

        using var email = await Post(http, session, "otp", ("kind", "email"), ("address", "jane@example.com"));
        using var malformed = await Post(http, session, "otp", ("kind", "phone"), ("address", "<b>call me</b>"));
        Assert.That(await email.Content.ReadAsStringAsync(), Does.Contain("This flow asks for no such check."));
        Assert.That(await malformed.Content.ReadAsStringAsync(), Does.Contain("Enter a phone number"));
        Assert.That(received, Is.Empty, "no callback the flow did not ask for");

        using (await Post(http, session, "otp", ("kind", "phone"), ("address", "+995512345678")))
        {
        }

        var code = System.Text.RegularExpressions.Regex.Match(received.Single(), "[0-9]{4}").Value;
        var wrong = code == "0000" ? "0001" : "0000";
        for (var i = 1; i < 5; i++)
        {
            using var refused = await Post(http, session, "verify", ("kind", "phone"), ("code", wrong));
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("That is not the code that was sent."));
        }

        using var fifth = await Post(http, session, "verify", ("kind", "phone"), ("code", wrong));
        using var late = await Post(http, session, "verify", ("kind", "phone"), ("code", code));
        Assert.That(await fifth.Content.ReadAsStringAsync(), Does.Contain("Too many wrong codes: send a new one."));
        Assert.That(await late.Content.ReadAsStringAsync(), Does.Contain("That is not the code that was sent."), "the right code after five wrong ones is spent");
    }

    [Test]
    public async Task The_chosen_language_stays_after_a_post_and_its_links_lead_to_the_page()
    {
        using var widget = new Widget();
        var (fake, client, http) = (widget.Fake, widget.Client, widget.Http);
        var session = await client.BeginSessionAsync(Flow());

        using var refused = await Post(http, session, "complete", ("outcome", "approved"), ("lang", "ka"));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.That(html, Does.Contain(">საქმიანობა <span"));
        Assert.That(html, Does.Contain("<a href=\"/widget/?session_token=" + session.Token + "&amp;lang=en\">en</a>"));
    }

    [Test]
    public async Task The_loopback_socket_serves_the_widget_only_and_refuses_long_urls()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        var address = fake.ServeWidget();
        using var http = new HttpClient();

        using var api = await http.PostAsync(new Uri(address, "/external-api/begin/"), new StringContent("{\"company_key\":\"" + fake.CompanyKey + "\"}"));
        using var longUrl = await http.GetAsync(address + "?session_token=" + new string('a', 9000));

        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the fake's API stays in process");
        Assert.That(longUrl.StatusCode, Is.EqualTo(HttpStatusCode.RequestUriTooLong));
        Assert.That(fake.CallCount(FakeOperation.Begin), Is.Zero);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, IdentomatSession session, string page, params (string Name, string Value)[] fields)
    {
        var form = new[] { new KeyValuePair<string, string>("session_token", session.Token) }.Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return http.PostAsync(new Uri(session.WidgetUrl, page), new FormUrlEncodedContent(form));
    }

    /// <summary>An app's callback endpoint: records each body and answers 200.</summary>
    private sealed class CallbackRecorder(List<string> received) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.That(request.RequestUri, Is.EqualTo(new Uri("https://bank.example/identomat/callbacks")));
            lock (received)
            {
                received.Add(request.Content!.ReadAsStringAsync(cancellationToken).Result);
            }

            return await Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    /// <summary>A fake, a client of it, and a browser-like HttpClient reaching its widget in process.</summary>
    private sealed class Widget : IDisposable
    {
        public Widget(IdentomatFakeServerOptions? options = null)
        {
            Fake = IdentomatFakeServer.StartInProcess(options);
            Client = Fake.CreateClient();
            Http = new HttpClient(Fake.CreateHandler());
        }

        public IdentomatFakeServer Fake { get; }

        public IdentomatClient Client { get; }

        public HttpClient Http { get; }

        public void Dispose()
        {
            Http.Dispose();
            Client.Dispose();
            Fake.Dispose();
        }
    }
}
