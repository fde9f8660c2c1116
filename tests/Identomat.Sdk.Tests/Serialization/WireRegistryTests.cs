using System.Text.Json;
using System.Text.RegularExpressions;
using Identomat.Sdk.Serialization;
using NUnit.Framework;

namespace Identomat.Sdk.Tests.Serialization;

/// <summary>
/// Each registry of the wire against an independent source, the approved public API file: a step or question type
/// missing from its table (it would be read back as unknown), a step's flags not read strictly, a type without generated
/// metadata, or an open value the contexts cannot read, fails here.
/// </summary>
public class WireRegistryTests
{
    private static readonly Lazy<Dictionary<string, string>> BaseOf = new(() =>
        File.ReadLines(RepositoryPaths.TestSource("PublicApi", "Identomat.Sdk.approved.txt"))
            .Select(line => Regex.Match(line, @"^    public (?:sealed |abstract )?class (\w+) : Identomat\.Sdk\.(\w+)"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value));

    private static readonly Lazy<string> Api = new(() => File.ReadAllText(RepositoryPaths.TestSource("PublicApi", "Identomat.Sdk.approved.txt")));

    [Test]
    public void Every_public_step_type_has_a_row()
    {
        Assert.That(RequestJsonContext.Steps.Types.Select(t => t.Name), Is.EquivalentTo(SealedDescendantsOf("Step").Where(n => n != nameof(UnknownStep))));
    }

    [Test]
    public void Every_public_question_type_has_a_row()
    {
        Assert.That(RequestJsonContext.Questions.Types.Select(t => t.Name), Is.EquivalentTo(SealedDescendantsOf("Question").Where(n => n != nameof(UnknownQuestion))));
    }

    [Test]
    public void Every_row_has_generated_metadata_and_reads_back_as_its_own_type()
    {
        foreach (var type in RequestJsonContext.Steps.Types.Concat(RequestJsonContext.Questions.Types))
        {
            Assert.That(RequestJsonContext.Default.GetTypeInfo(type), Is.Not.Null, type.Name + " has no [JsonSerializable] in RequestJsonContext");
        }

        foreach (var type in RequestJsonContext.Steps.Types)
        {
            var wireType = ((Step)Activator.CreateInstance(type)!).Type;
            Assert.That(SessionRequest.FromJson($$"""{"steps":[{"type":"{{wireType}}"}]}""").Steps![0], Is.TypeOf(type));
        }

        foreach (var type in RequestJsonContext.Questions.Types)
        {
            var wireType = ((Question)Activator.CreateInstance(type)!).Type;
            var read = SessionRequest.FromJson($$"""{"steps":[{"type":"user-questionnaire","questions":[{"type":"{{wireType}}","key":"q"}]}]}""");
            Assert.That(((QuestionnaireStep)read.Steps![0]).Questions![0], Is.TypeOf(type));
        }
    }

    [Test]
    public void Every_step_flags_record_is_read_strictly()
    {
        var flagged = RequestJsonContext.Steps.Types.Where(t => t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Step<>)).ToList();
        Assert.That(flagged, Has.Count.EqualTo(Regex.Count(Api.Value, @"class \w+Step : Identomat\.Sdk\.Step<")));
        foreach (var step in flagged)
        {
            var flags = step.BaseType!.GetGenericArguments()[0];
            Assert.That(new WireObjectJsonConverterFactory().CanConvert(flags), Is.True, flags.Name);
            var type = step.Name;
            var wireType = ((Step)Activator.CreateInstance(step)!).Type;
            var error = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson($$"""{"steps":[{"type":"{{wireType}}","flags":null}]}"""), type)!;
            Assert.That(error.Errors.Single().Path, Is.EqualTo("steps[0].flags"), type);
        }
    }

    [Test]
    public void Every_public_open_value_is_read_strictly_in_requests_and_leniently_in_results()
    {
        var names = Regex.Matches(Api.Value, @"class \w+ : Identomat\.Sdk\.WireValueJsonConverter<Identomat\.Sdk\.(\w+)>").Select(m => m.Groups[1].Value).ToList();
        var openValues = typeof(SessionRequest).Assembly.GetTypes().Where(OpenValues.Is).ToList();
        Assert.That(openValues.Select(t => t.Name), Is.EquivalentTo(names));
        foreach (var type in openValues)
        {
            var nullable = typeof(Nullable<>).MakeGenericType(type);
            var list = typeof(IReadOnlyList<>).MakeGenericType(type);
            Assert.That(new StrictValueConverterFactory().CanConvert(nullable), Is.True, type.Name);
            Assert.That(new ValueListConverterFactory().CanConvert(list), Is.True, type.Name);
            Assert.That(new LenientValueConverterFactory().CanConvert(nullable), Is.True, type.Name);

            var strict = new JsonSerializerOptions { Converters = { new StrictValueConverterFactory(), new ValueListConverterFactory() } };
            Assert.That(JsonSerializer.Deserialize("\"x\"", nullable, strict)!.ToString(), Is.EqualTo("x"), type.Name);
            Assert.Throws<WireReadException>(() => JsonSerializer.Deserialize("1", nullable, strict), type.Name);
            Assert.Throws<WireReadException>(() => JsonSerializer.Deserialize("[1]", list, strict), type.Name);

            var lenient = new JsonSerializerOptions { Converters = { new LenientValueConverterFactory() } };
            Assert.That(JsonSerializer.Deserialize("\"x\"", nullable, lenient)!.ToString(), Is.EqualTo("x"), type.Name);
            Assert.That(JsonSerializer.Deserialize("1", nullable, lenient), Is.Null, type.Name);
            Assert.That(JsonSerializer.Deserialize("\"\"", nullable, lenient), Is.Null, type.Name);
        }
    }

    /// <summary>The sealed public classes that derive, directly or not, from a base, by the approved API file.</summary>
    private static IEnumerable<string> SealedDescendantsOf(string root) =>
        BaseOf.Value.Keys.Where(name => Api.Value.Contains($"public sealed class {name} :") && Descends(name, root));

    private static bool Descends(string name, string root)
    {
        for (var current = name; BaseOf.Value.TryGetValue(current, out var parent); current = parent)
        {
            if (parent == root)
            {
                return true;
            }
        }

        return false;
    }
}
