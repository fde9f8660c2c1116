using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Identomat.Sdk;
using Json.Schema;

namespace Identomat.Sdk.Tests.Schema;

/// <summary>
/// The JSON Schema of the session request shipped in the package (schema/session-request.schema.json): generated from
/// the model's own declaration of every typed property (wire name and value type), open to unknown properties and step
/// and question types as the wire is. The committed file must equal what the model generates now, so a typed
/// property added without regenerating fails here (IDENTOMAT_WRITE_SCHEMA=1 rewrites it; review the diff).
/// </summary>
public class SessionRequestSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepositoryPaths.Root, "src", "Identomat.Sdk", "Schema", "session-request.schema.json");

    private static JsonSchema Schema() => JsonSchema.FromText(File.ReadAllText(SchemaPath));

    [Test]
    public void The_committed_schema_is_what_the_model_declares()
    {
        var generated = Generate();
        if (Environment.GetEnvironmentVariable("IDENTOMAT_WRITE_SCHEMA") == "1")
        {
            File.WriteAllText(SchemaPath, generated);
            Assert.Inconclusive("wrote " + SchemaPath);
        }

        Assert.That(File.ReadAllText(SchemaPath), Is.EqualTo(generated), "a typed property of the model is missing from the schema, or the schema is stale: regenerate it");
    }

    private static IEnumerable<TestCaseData> ValidFlows()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden"), "*.json"))
        {
            yield return new TestCaseData(File.ReadAllText(file)).SetArgDisplayNames(Path.GetFileName(file));
        }

        foreach (var name in new[] { "f01-vendor-apiref-default-session.json", "f02-vendor-apiref-flags-steps-parent.json", "f03-vendor-apiref-config-id.json" })
        {
            yield return new TestCaseData(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Vendor", name))).SetArgDisplayNames(name);
        }
    }

    [TestCaseSource(nameof(ValidFlows))]
    public void Every_golden_file_and_vendor_example_validates(string json)
    {
        var result = Schema().Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value))));
    }

    [TestCase("""{"steps":{}}""")]
    [TestCase("""{"flags":{"skip_face":"yes"}}""")]
    [TestCase("""{"steps":[{"key":"x"}]}""")]
    [TestCase("""{"steps":[{"type":"liveness","flags":{"liveness":1}}]}""")]
    [TestCase("""{"steps":[{"type":"user-questionnaire","questions":[{"type":"options","key":"q","options":[{"key":1}]}]}]}""")]
    [TestCase("""{"steps":[{"type":"identity-document","flags":{"document_types":"id"}}]}""")]
    [TestCase("""{"scheduleStartTime":3}""")]
    public void A_broken_flow_does_not_validate(string json) =>
        Assert.That(Schema().Evaluate(JsonNode.Parse(json)).IsValid, Is.False);

    [Test]
    public void Unknown_properties_and_types_are_open_as_on_the_wire() =>
        Assert.That(Schema().Evaluate(JsonNode.Parse("""{"future":1,"flags":{"new_flag":true},"steps":[{"type":"signature","key":"s","pen":true},{"type":"liveness","flags":{"x":1}}]}""")).IsValid, Is.True);

    /// <summary>The schema, from each wire record's declared fields.</summary>
    private static string Generate()
    {
        var sdk = typeof(SessionRequest).Assembly;
        var records = sdk.GetTypes()
            .Where(t => typeof(WireObject).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var defs = new JsonObject();
        var steps = new JsonArray();
        var questions = new JsonArray();
        foreach (var type in records)
        {
            var instance = (WireObject)Activator.CreateInstance(type)!;
            var properties = new JsonObject();
            foreach (var (name, valueType) in Identomat.Sdk.Serialization.RequestJson.Fields(type))
            {
                properties[name] = name == "type" && instance is Step or Question ? new JsonObject { ["const"] = TypeOf(instance) } : SchemaOf(valueType);
            }

            defs[type.Name] = new JsonObject { ["type"] = "object", ["properties"] = properties };
            if (instance is Step or Question)
            {
                (instance is Step ? steps : questions).Add((JsonNode)new JsonObject
                {
                    ["if"] = new JsonObject { ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = TypeOf(instance) } } },
                    ["then"] = new JsonObject { ["$ref"] = "#/$defs/" + type.Name },
                });
            }
        }

        defs["Step"] = Dispatch("A step: known types are checked by their own definition; other types are kept as sent.", steps);
        defs["Question"] = Dispatch("A question: known types are checked by their own definition; other types are kept as sent.", questions);
        defs["LocalizedText"] = new JsonObject
        {
            ["description"] = "Text by language code ({\"en\": \"...\"}), or one plain string where the vendor allows it (operator questionnaires, a string question's answer).",
            ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } }),
        };
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://github.com/identomat-sdk/identomat-dotnet/schema/session-request.schema.json",
            ["title"] = "Identomat begin/ session request (Identomat.Sdk " + sdk.GetName().Version!.Major + ".x)",
            ["description"] = "The flow SessionRequest.FromJson reads. Open as the wire is: unknown properties and step or question types are allowed. Rules across values (unique keys, show conditions, ...) are checked by SessionRequest.Validate(), not by this schema.",
            ["$ref"] = "#/$defs/SessionRequest",
            ["$defs"] = defs,
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Dispatch(string description, JsonArray cases) => new()
    {
        ["description"] = description,
        ["type"] = "object",
        ["required"] = new JsonArray("type"),
        ["properties"] = new JsonObject { ["type"] = new JsonObject { ["type"] = "string" } },
        ["allOf"] = cases,
    };

    private static string TypeOf(WireObject instance) => instance is Step step ? step.Type : ((Question)instance).Type;

    private static JsonObject SchemaOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int))
        {
            return new JsonObject { ["type"] = "integer" };
        }

        if (type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type == typeof(string) || type == typeof(Uri) || (type.IsValueType && type.Namespace == "Identomat.Sdk"))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(LocalizedText))
        {
            return new JsonObject { ["$ref"] = "#/$defs/LocalizedText" };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return new JsonObject { ["type"] = "array", ["items"] = SchemaOf(type.GetGenericArguments()[0]) };
        }

        if (typeof(WireObject).IsAssignableFrom(type))
        {
            return new JsonObject { ["$ref"] = "#/$defs/" + type.Name };
        }

        throw new NotSupportedException("No schema for " + type + ": add it to the generator.");
    }
}
