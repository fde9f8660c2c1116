using Identomat.Sdk.Testing;
using OpenQA.Selenium;
using static Identomat.Sdk.Browser.Tests.Browser;

namespace Identomat.Sdk.Browser.Tests;

/// <summary>The fake widget alone, in Chromium: show conditions, answers typed in the page, hostile flow text, tokens it refuses.</summary>
public class WidgetInBrowserTests
{
    private const string Hostile = "</script><script>window.pwned=1</script>\"><img src=x onerror=\"window.pwned=2;alert(1)\">javascript:alert(3)\u2028";

    [Test]
    public async Task Show_conditions_are_honoured_and_the_answers_typed_in_the_page_reach_the_result()
    {
        var driver = Chromium.Driver;
        using var fake = IdentomatFakeServer.StartInProcess();
        fake.ServeWidget();
        using var client = fake.CreateClient();
        var session = await client.BeginSessionAsync(new SessionBuilder()
            .ReturnTo(new Uri(fake.WidgetBaseAddress, "/returned"))
            .AddUserQuestionnaire("about_you", new LocalizedText("en", "About you").With("ka", "თქვენ შესახებ"), q => q
                .AddText("occupation", "Occupation", x => x with { Mandatory = true })
                .AddSingleChoice("pep", "Are you a politically exposed person?", [new QuestionOption("yes", "Yes"), new QuestionOption("no", "No")])
                .AddText("pep_role", "Which role?", x => x with { Mandatory = true, ShowConditions = new ShowCondition("pep", "yes") }))
            .Build());

        driver.Navigate().GoToUrl(session.WidgetUrl);
        var role = driver.FindElement(By.CssSelector("[data-show-name]"));
        Assert.That(role.Displayed, Is.False, "hidden until its condition holds");
        driver.FindElement(By.CssSelector("input[name='q.0.pep'][value='yes']")).Click();
        Assert.That(role.Displayed, Is.True);
        driver.FindElement(By.Name("q.0.occupation")).SendKeys("Engineer");
        driver.FindElement(By.Name("q.0.pep_role")).SendKeys("Mayor");
        Screenshot(driver, "fake-widget.png");
        driver.FindElement(By.Id("finish")).Click();
        WaitUntil(() => driver.Url.EndsWith("/returned", StringComparison.Ordinal), "the widget goes back to return_url");

        var result = await client.GetResultAsync(session.Token);
        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
        var answers = result.Questionnaires!.Single().Questions!.ToDictionary(q => q.Key!, q => q.Answer!.Value.GetString());
        Assert.That(answers, Is.EqualTo(new Dictionary<string, string?> { ["occupation"] = "Engineer", ["pep"] = "yes", ["pep_role"] = "Mayor" }));
    }

    [Test]
    public async Task A_mandatory_question_hidden_by_its_condition_does_not_block_the_flow()
    {
        var driver = Chromium.Driver;
        using var fake = IdentomatFakeServer.StartInProcess();
        fake.ServeWidget();
        using var client = fake.CreateClient();
        var session = await client.BeginSessionAsync(new SessionBuilder()
            .ReturnTo(new Uri(fake.WidgetBaseAddress, "/returned"))
            .AddUserQuestionnaire("q", "Questions", q => q
                .AddSingleChoice("pep", "PEP?", [new QuestionOption("yes", "Yes"), new QuestionOption("no", "No")], x => x with { Mandatory = true })
                .AddText("pep_role", "Which role?", x => x with { Mandatory = true, ShowConditions = new ShowCondition("pep", "yes") }))
            .Build());

        driver.Navigate().GoToUrl(session.WidgetUrl);
        driver.FindElement(By.CssSelector("input[name='q.0.pep'][value='no']")).Click();
        driver.FindElement(By.Id("finish")).Click();
        WaitUntil(() => driver.Url.EndsWith("/returned", StringComparison.Ordinal), "the flow ends without the hidden question");

        var answers = (await client.GetResultAsync(session.Token)).Questionnaires!.Single().Questions!;
        Assert.That(answers.Select(a => a.Key), Is.EqualTo(new[] { "pep" }));
    }

    [Test]
    public async Task Hostile_text_in_every_flow_field_shows_as_text_and_runs_nothing()
    {
        var driver = Chromium.Driver;
        using var fake = IdentomatFakeServer.StartInProcess();
        fake.ServeWidget();
        using var client = fake.CreateClient();
        var session = await client.BeginSessionAsync(new SessionBuilder()
            .AddPhoneNumber(f => f with { RequirePhoneNumberCheck = true }, key: "phone" + Hostile, title: Hostile)
            .AddUserQuestionnaire("q", new LocalizedText("en", Hostile).With(Hostile, Hostile), q => q
                .Description(Hostile)
                .AddText("text", Hostile, x => x with { Answer = Hostile })
                .AddSingleChoice("choice", Hostile, [new QuestionOption(Hostile, Hostile), new QuestionOption("other", "Other")], x => x with { Answer = Hostile })
                .AddMultipleChoice("many", Hostile, [new QuestionOption("m" + Hostile, Hostile)])
                .AddDropdown("list", Hostile, [new QuestionOption("d" + Hostile, Hostile)])
                .AddText("shown", Hostile, x => x with { ShowConditions = new ShowCondition("choice", Hostile) }))
            .Build());

        driver.Navigate().GoToUrl(session.WidgetUrl);
        driver.FindElement(By.CssSelector("input[name='q.1.choice'][value='other']")).Click();
        driver.FindElement(By.CssSelector("input[name='q.1.choice']")).Click();
        driver.Navigate().GoToUrl(session.WidgetUrl + "&lang=" + Uri.EscapeDataString(Hostile));

        Assert.That(NoDialogOpen(driver), Is.True, "no script from the flow ran");
        Assert.That(driver.ExecuteScript("return typeof window.pwned"), Is.EqualTo("undefined"));
        Assert.That(driver.FindElement(By.TagName("legend")).Text, Does.Contain("<img src=x onerror="));
        Assert.That(driver.FindElements(By.TagName("img")), Is.Empty);
        Assert.That(driver.FindElement(By.Name("q.1.text")).GetAttribute("value"), Is.EqualTo(Hostile.Replace("\u2028", string.Empty, StringComparison.Ordinal)).Or.EqualTo(Hostile));
        Assert.That(driver.FindElements(By.CssSelector("[data-show-name]")).Single().Displayed, Is.True, "the condition matched the hostile option key as text");
    }

    [Test]
    public async Task An_expired_and_an_unknown_token_show_the_fakes_own_page()
    {
        var driver = Chromium.Driver;
        using var fake = IdentomatFakeServer.StartInProcess();
        fake.ServeWidget();
        using var client = fake.CreateClient();
        var session = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());
        fake.ExpireSession(session.Token);

        driver.Navigate().GoToUrl(session.WidgetUrl);
        Assert.That(driver.FindElement(By.TagName("h1")).Text, Is.EqualTo("FAKE Identomat: Session expired"));
        driver.Navigate().GoToUrl(fake.WidgetBaseAddress + "?session_token=" + new string('z', 40));
        Assert.That(driver.FindElement(By.TagName("h1")).Text, Is.EqualTo("FAKE Identomat: Unknown session"));
    }
}
