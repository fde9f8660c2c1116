using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Identomat.Sdk;

namespace Identomat.Sdk.Tests.Serialization;

/// <summary>Property-based round trips: random valid flows and hostile strings.</summary>
public class RoundTripProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Any string: unicode, quotes, control characters, lone surrogates excluded (not valid UTF-16 text), long ones.</summary>
    private static Gen<string> AnyText() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            Gen.Elements("\"", "\\", "\u0000", "\u001f", "\u2028", "</script>", "'; DROP", "ქართული", "😀🇬🇪", "\r\n\t"),
            Gen.Choose(1000, 20000).Select(n => new string('é', n)))
        .Select(s => s.Contains('\uD800') || HasLoneSurrogate(s) ? s.Replace("\uD800", "?") : s)
        .Where(s => !HasLoneSurrogate(s));

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])))
            {
                return true;
            }

            if (char.IsLowSurrogate(s[i]) && (i == 0 || !char.IsHighSurrogate(s[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static Gen<bool?> Flag() => Gen.Elements<bool?>(null, true, false);

    private static Gen<Step> FlaggedStep(int index) =>
        Gen.OneOf(
            Gen.Zip(Flag(), Flag()).Select(t => (Step)new IdentityDocumentStep { Key = $"s{index}", Flags = new() { AllowDocumentUpload = t.Item1, DisableDocumentCapture = t.Item2, DocumentCountries = ["GEO"] } }),
            Flag().Select(f => (Step)new LivenessStep { Key = $"s{index}", Title = "t", Flags = new() { ActiveLiveness = f, OptionalContinueOnAnotherDevice = !f } }),
            Flag().Select(f => (Step)new EmailStep { Key = $"s{index}", Flags = new() { RequireEmail = f } }),
            Flag().Select(f => (Step)new GeolocationStep { Key = $"s{index}", Flags = f is null ? null : new() { RequireGeolocation = f } }),
            Gen.Constant((Step)new ProofOfAddressStep { Key = $"s{index}", Flags = new() { GeneralDocumentTypes = [GeneralDocumentType.UtilityBill, "lease"] } }),
            Gen.Constant((Step)new VideoCallStep { Key = $"s{index}", Flags = new() { NameRequired = true, Steps = [new PhoneNumberStep { Key = $"s{index}-phone" }] } }));

    private static Gen<Step> Questionnaire(int index) =>
        (from a in AnyText() from b in AnyText() from m in Flag() select (Item1: a, Item2: b, Item3: m)).Select(t => (Step)new UserQuestionnaireStep
        {
            Key = $"s{index}",
            Title = new LocalizedText("en", t.Item1).With("ka", t.Item2),
            Questions =
            [
                new OptionsQuestion { Key = "a", Title = t.Item1, Options = [new("o1", t.Item2), new("o2", "two")], Mandatory = t.Item3 },
                new StringQuestion { Key = "b", Title = "b", Answer = LocalizedText.Plain(t.Item2), ShowConditions = new("a", "o2") },
                new AttachmentQuestion { Key = "c", Title = "c", FilesMaxCount = 1 + (t.Item1.Length % 10), Answer = [t.Item1] },
            ],
        });

    private static Gen<SessionRequest> Flows() =>
        from count in Gen.Choose(0, 6)
        from steps in Sequence(Enumerable.Range(0, count).Select(i => Gen.OneOf(FlaggedStep(i), Questionnaire(i))))
        from name in Gen.OneOf(Gen.Constant<string?>(null), AnyText().Select(s => (string?)s))
        from language in Gen.Elements<LanguageCode?>(null, LanguageCode.English, "gr")
        from start in Gen.Choose(0, 1_000_000)
        select new SessionRequest
        {
            Name = name,
            Steps = steps.ToList(),
            Flags = language is null ? null : new SessionFlags { Language = language, SkipDesktop = start % 2 == 0 },
            ScheduleStartTime = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000L + start),
            ScheduleEndTime = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000L),
        };

    private static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Constant(new List<T>()), (acc, gen) => from list in acc from item in gen select list.Append(item).ToList());

    [Test]
    public void Random_valid_flows_round_trip_to_an_equal_request() =>
        Prop.ForAll(Flows().ToArbitrary(), request =>
        {
            Assert.That(request.Validate(), Is.Empty);
            var json = request.ToJson();
            var read = SessionRequest.FromJson(json);
            Assert.That(read, Is.EqualTo(request));
            Assert.That(read.ToJson(), Is.EqualTo(json));
        }).Check(Runs);

    [Test]
    public void Any_string_is_escaped_into_valid_json_and_read_back_unchanged() =>
        Prop.ForAll(AnyText().ToArbitrary(), text =>
        {
            var request = new SessionRequest { Name = text, ClientUserId = text, AdditionalProperties = new Dictionary<string, JsonElement> { [text + "_raw"] = JsonSerializer.SerializeToElement(text) } };
            var json = request.ToJson();

            using var document = JsonDocument.Parse(json);
            Assert.That(document.RootElement.GetProperty("name").GetString(), Is.EqualTo(text));
            Assert.That(SessionRequest.FromJson(json), Is.EqualTo(request));
        }).Check(Runs);

    [Test]
    public void Arbitrary_json_never_escapes_as_anything_but_a_validation_error() =>
        Prop.ForAll(AnyText().ToArbitrary(), text =>
        {
            foreach (var candidate in new[] { text, "{\"steps\":[" + text + "]}", "{\"flags\":" + text + "}" })
            {
                try
                {
                    SessionRequest.FromJson(candidate);
                }
                catch (IdentomatValidationException)
                {
                }
            }
        }).Check(Runs);
}
