using System.Diagnostics;
using Identomat.Sdk.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Identomat.Sdk.Tests.Validation;

/// <summary>
/// Whatever a flow holds, checking it costs time linear in its size, and what the SDK says about it (errors, warnings,
/// log lines) is bounded and names paths and rules, never a user's values. Sizes are chosen so that a quadratic cost
/// would take minutes and the bound is far above the linear one; the exact figures live in the benchmarks.
/// </summary>
public class BoundedCostTests
{
    [Test]
    public void Checking_many_preset_answers_against_many_options_is_linear()
    {
        const int Count = 200_000;
        var options = Enumerable.Range(0, Count).Select(i => new QuestionOption("o" + i, "Option")).ToArray();
        var answers = Enumerable.Range(0, Count).Select(i => "o" + (Count - 1 - i)).Append("not-an-option").ToArray();
        var flow = new SessionRequest
        {
            Steps = [new UserQuestionnaireStep { Key = "q", Title = "Q", Questions = [new MultipleChoiceQuestion { Key = "m", Title = "M", Options = options, Answer = answers }] }],
        };
        var watch = Stopwatch.StartNew();

        var errors = flow.Validate();

        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { $"steps[0].questions[0].answer[{Count}]" }));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "quadratic in answers and options, this takes minutes");
    }

    private static SessionRequest NestedVideoCalls(int depth)
    {
        Step step = new LivenessStep { Key = "innermost" };
        for (var i = 0; i < depth; i++)
        {
            step = new VideoCallStep { Key = "call-" + i, Flags = new VideoCallFlags { Steps = [step, new UnknownStep("mystery")] } };
        }

        return new SessionRequest { Steps = [step] };
    }

    [TestCase(5_000)]
    [TestCase(100_000)]
    public void A_video_call_nested_deeply_costs_one_error_not_one_per_level(int depth)
    {
        var flow = NestedVideoCalls(depth);

        var errors = flow.Validate();

        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { "steps[0].flags.steps[0].type" }), "the nested call is the error; its own steps are not walked");
        Assert.That(flow.GetWarnings().Select(w => w.Path), Is.EqualTo(new[] { "steps[0].flags.steps[1].type" }));
        Assert.That(() => flow.ToJson(), Throws.TypeOf<IdentomatValidationException>());
    }

    [Test]
    public async Task The_warnings_of_a_flow_with_thousands_of_unknown_types_make_one_short_log_line()
    {
        var logs = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient(loggerFactory: loggers);
        var flow = new SessionRequest { Steps = Enumerable.Range(0, 10_000).Select(i => (Step)new UnknownStep("vendor-step-type-with-a-long-name-" + i) { Key = "k" + i }).ToArray() };

        await client.BeginSessionAsync(flow);

        var line = logs.GetSnapshot().Single(r => r.Level == LogLevel.Warning).Message;
        Assert.That(line.Length, Is.LessThan(4096));
        Assert.That(line, Does.Contain("10000 warning(s)").And.Contain("and 9990 more"));
    }

    [Test]
    public async Task With_warnings_off_no_warning_is_written()
    {
        var logs = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Error).AddProvider(new FakeLoggerProvider(logs)));
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient(loggerFactory: loggers);

        await client.BeginSessionAsync(new SessionRequest { Steps = [new UnknownStep("face")] });

        Assert.That(logs.GetSnapshot(), Is.Empty);
    }

    // Values a flow may hold that are a user's personal data: a preset answer, a condition's value, a country.
    [Test]
    public void Validation_messages_name_the_path_and_the_rule_never_a_value()
    {
        const string Email = "jane.doe@example.com";
        var flow = new SessionRequest
        {
            ClientUserId = Email,
            Steps =
            [
                new UserQuestionnaireStep
                {
                    Key = "q",
                    Title = "Q",
                    Questions =
                    [
                        new OptionsQuestion { Key = "a", Title = "A", Options = [new("y", "Yes")], Answer = Email },
                        new MultipleChoiceQuestion { Key = "b", Title = "B", Options = [new("n", "No")], Answer = ["n", Email] },
                        new StringQuestion { Key = "c", Title = "C", ShowConditions = new("a", Email) },
                    ],
                },
                new IdentityDocumentStep { Flags = new IdentityDocumentFlags { DocumentCountries = [Email] } },
            ],
        };

        var ex = Assert.Throws<IdentomatValidationException>(() => flow.ToJson());

        Assert.That(ex!.Errors, Has.Count.EqualTo(4), string.Join(" | ", ex.Errors));
        Assert.That(ex.ToString(), Does.Not.Contain(Email).And.Not.Contain("jane"));
    }

    [Test]
    public void Many_show_conditions_on_one_large_question_are_checked_in_linear_time()
    {
        const int Count = 20_000;
        var options = Enumerable.Range(0, Count).Select(i => new QuestionOption("o" + i, "Option")).ToArray();
        var questions = new List<Question> { new OptionsQuestion { Key = "big", Title = "Big", Options = options } };
        questions.AddRange(Enumerable.Range(0, Count).Select(i => (Question)new StringQuestion
        {
            Key = "s" + i, Title = "S", ShowConditions = new ShowCondition { QuestionKey = "big", Answer = i == 7 ? "nope" : "o" + (Count - 1) },
        }));
        var flow = new SessionRequest { Steps = [new UserQuestionnaireStep { Key = "q", Title = "Q", Questions = questions }] };
        var watch = Stopwatch.StartNew();

        var errors = flow.Validate();

        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { "steps[0].questions[8].showConditions.answer" }));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "a scan of the options per condition takes minutes");
    }

    private static System.Text.Json.JsonElement Nested(int depth) =>
        System.Text.Json.JsonDocument.Parse(new string('[', depth) + new string(']', depth), new System.Text.Json.JsonDocumentOptions { MaxDepth = depth + 1 }).RootElement;

    [Test]
    public void A_raw_value_is_refused_beyond_the_64_levels_a_reader_accepts_and_sent_within_them()
    {
        SessionRequest With(int depth) => new() { Flags = new SessionFlags { AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement> { ["deep"] = Nested(depth) } } };

        // The request's object and its flags are two levels: 62 more make 64.
        var fits = With(62);
        Assert.That(fits.Validate(), Is.Empty);
        Assert.That(SessionRequest.FromJson(fits.ToJson()), Is.EqualTo(fits), "what is sent reads back");
        var errors = With(63).Validate();
        Assert.That(errors.Select(e => (e.Path, e.Message)), Is.EqualTo(new[] { ("flags.deep", "AdditionalProperties nests deeper than the 64 levels a JSON reader accepts, counted from the request's root; nothing was written") }));
        Assert.That(() => With(63).ToJson(), Throws.TypeOf<IdentomatValidationException>());
    }

    [Test]
    public void A_deeply_nested_raw_value_is_refused_and_compared_within_a_small_stack()
    {
        // 30,000 levels, checked on a thread with a 256 KiB stack: a walk that recursed once per level would overflow it.
        var deep = Nested(30_000);
        var request = new SessionRequest { Flags = new SessionFlags { AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement> { ["deep"] = deep } } };
        var same = request with { Flags = new SessionFlags { AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement> { ["deep"] = deep.Clone() } } };
        var shallower = request with { Flags = new SessionFlags { AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement> { ["deep"] = Nested(29_999) } } };
        (string Path, bool Same, bool Different)? seen = null;

        var thread = new Thread(() => seen = (request.Validate().Single().Path, request.Equals(same), !request.Equals(shallower)), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.That(seen, Is.EqualTo(("flags.deep", true, true)));
    }
}
