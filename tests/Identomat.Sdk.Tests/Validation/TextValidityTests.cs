using System.Text.Json;

namespace Identomat.Sdk.Tests.Validation;

/// <summary>
/// Text that is not valid (a lone surrogate, half of a UTF-16 pair) is refused where it sits, with its path, as
/// <c>FromJson</c> refuses the same text: it is never written as U+FFFD in its place.
/// </summary>
public class TextValidityTests
{
    private const string Lone = "\uD800";

    private static SessionRequest Questionnaire(Question question, LocalizedText? title = null) =>
        new() { Steps = [new UserQuestionnaireStep { Key = "q", Title = title ?? "Q", Questions = [question] }] };

    private static IEnumerable<TestCaseData> Flows()
    {
        yield return new TestCaseData(new SessionRequest { ClientUserId = "user" + Lone }, "clientUserId").SetArgDisplayNames("string");
        yield return new TestCaseData(new SessionRequest { Name = "\uDC00 trailing half" }, "name").SetArgDisplayNames("low half");
        yield return new TestCaseData(new SessionRequest { Flags = new SessionFlags { Language = "k" + Lone } }, "flags.language").SetArgDisplayNames("open value");
        yield return new TestCaseData(new SessionRequest { Steps = [new LivenessStep { Key = "face" + Lone }] }, "steps[0].key").SetArgDisplayNames("step key");
        yield return new TestCaseData(new SessionRequest { Steps = [new UnknownStep("new" + Lone)] }, "steps[0].type").SetArgDisplayNames("unknown type");
        yield return new TestCaseData(Questionnaire(new StringQuestion { Key = "a", Title = "A" }, title: new LocalizedText("en", "About" + Lone)), "steps[0].title").SetArgDisplayNames("localized text");
        yield return new TestCaseData(Questionnaire(new StringQuestion { Key = "a", Title = new LocalizedText("e" + Lone, "A") }), "steps[0].questions[0].title").SetArgDisplayNames("language code");
        yield return new TestCaseData(Questionnaire(new StringQuestion { Key = "a", Title = "A", Answer = LocalizedText.Plain("x" + Lone) }), "steps[0].questions[0].answer").SetArgDisplayNames("plain text");
        yield return new TestCaseData(Questionnaire(new OptionsQuestion { Key = "a", Title = "A", Options = [new("y", "Yes" + Lone)] }), "steps[0].questions[0].options[0].title").SetArgDisplayNames("option title");
        yield return new TestCaseData(Questionnaire(new MultipleChoiceQuestion { Key = "a", Title = "A", Options = [new("y", "Yes")], Answer = ["y", "y" + Lone] }), "steps[0].questions[0].answer[1]").SetArgDisplayNames("list item");
        yield return new TestCaseData(new SessionRequest { Steps = [new IdentityDocumentStep { Flags = new IdentityDocumentFlags { DocumentTypes = [DocumentType.Passport, new DocumentType("i" + Lone)] } }] }, "steps[0].flags.document_types[1]").SetArgDisplayNames("open value list");
        yield return new TestCaseData(
            new SessionRequest { Steps = [new VideoCallStep { Flags = new VideoCallFlags { Steps = [new LivenessStep { Key = "in" + Lone }] } }] },
            "steps[0].flags.steps[0].key").SetArgDisplayNames("inside a video call");
        yield return new TestCaseData(
            new SessionRequest { Flags = new SessionFlags { AdditionalProperties = new Dictionary<string, JsonElement> { ["extra"] = JsonDocument.Parse("{\"deep\":[\"\\ud800\"]}").RootElement } } },
            "flags.extra").SetArgDisplayNames("escaped raw value");
        yield return new TestCaseData(
            new SessionRequest { Flags = new SessionFlags { AdditionalProperties = new Dictionary<string, JsonElement> { ["x" + Lone] = JsonSerializer.SerializeToElement(1) } } },
            "flags").SetArgDisplayNames("raw name");
    }

    [TestCaseSource(nameof(Flows))]
    public void A_lone_surrogate_is_refused_where_it_sits(SessionRequest flow, string path)
    {
        var error = flow.Validate().Single(e => e.Message.Contains("lone surrogate", StringComparison.Ordinal));

        Assert.That(error.Path, Is.EqualTo(path));
        Assert.That(() => flow.ToJson(), Throws.TypeOf<IdentomatValidationException>());
    }

    [Test]
    public void A_flow_refused_for_its_text_sends_nothing()
    {
        using var fake = Identomat.Sdk.Testing.IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();

        Assert.ThrowsAsync<IdentomatValidationException>(() => client.BeginSessionAsync(new SessionRequest { ClientUserId = Lone }));

        Assert.That(fake.CallCount(Identomat.Sdk.Testing.FakeOperation.Begin), Is.Zero);
    }

    [Test]
    public void Surrogate_pairs_are_text()
    {
        var flow = Questionnaire(new StringQuestion { Key = "a", Title = new LocalizedText("en", "Smile 😀 \U0001F600") }) with { ClientUserId = "𝔘𝔰𝔢𝔯" };

        Assert.That(flow.Validate(), Is.Empty);
        Assert.That(SessionRequest.FromJson(flow.ToJson()), Is.EqualTo(flow));
    }

    [Test]
    public void An_escaped_lone_surrogate_in_a_raw_property_name_is_a_validation_error_and_compares_without_throwing()
    {
        var raw = JsonDocument.Parse("{\"a\\ud800\":1}").RootElement;
        SessionRequest Flow() => new() { Flags = new SessionFlags { AdditionalProperties = new Dictionary<string, JsonElement> { ["x"] = raw } } };

        Assert.That(Flow().Validate().Select(e => e.Path), Is.EqualTo(new[] { "flags.x" }));
        Assert.That(() => Flow().ToJson(), Throws.TypeOf<IdentomatValidationException>());
        var (one, other) = (Flow(), Flow());
        Assert.That(one, Is.EqualTo(other));
        Assert.That(one.GetHashCode(), Is.EqualTo(other.GetHashCode()));
    }

    [Test]
    public void Keys_in_validation_messages_cannot_forge_a_log_line()
    {
        var flow = new SessionRequest { Steps = [new LivenessStep { Key = "a\r\nFORGED" }, new LivenessStep { Key = "a\r\nFORGED" }] };

        var message = flow.Validate().Single().Message;

        Assert.That(message, Does.StartWith("'a  FORGED' is already the key of steps[0]"));
    }
}
