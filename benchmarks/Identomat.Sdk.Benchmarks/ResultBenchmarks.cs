using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk.Benchmarks;

/// <summary>
/// Parsing a ~20 KB result. Target: the SDK faster than both baselines, allocating no more than the reflection one.
/// The reflection baseline reads into the same types with the same converters, only without source generation; the
/// JsonDocument baseline reads the same fields by hand.
/// </summary>
[MemoryDiagnoser]
public class ResultBenchmarks
{
    private static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new LenientValueConverterFactory(), new JsonObjectViewConverter() },
    };

    private byte[] _json = null!;

    public static byte[] LargeResult()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "result.approved-with-proof-of-address.json")))!.AsObject();
        var pages = root["generalDocuments"]![0]!["pages"]!.AsArray();
        for (var i = 2; i <= 20; i++)
        {
            var page = pages[0]!.DeepClone();
            page["pageNumber"] = i;
            pages.Add(page);
        }

        var front = new JsonObject();
        for (var i = 0; i < 60; i++)
        {
            front["Field_" + i + "_en_US"] = "VALUE NUMBER " + i;
        }

        root["id_card_front"] = front;
        root["screeningMatches"] = new JsonArray(Enumerable.Range(0, 30).Select(i => (JsonNode)new JsonObject { ["score"] = i / 20.0, ["name"] = "Person " + i, ["personId"] = "sc-" + i, ["reviewStatus"] = "pending" }).ToArray());
        root["questionnaires"] = new JsonArray(new JsonObject
        {
            ["key"] = "kyc",
            ["questions"] = new JsonArray(Enumerable.Range(0, 20).Select(i => (JsonNode)new JsonObject { ["key"] = "q" + i, ["answer"] = i % 2 == 0 ? "text answer " + i : new JsonArray("a", "b") }).ToArray()),
        });
        return JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });
    }

    [GlobalSetup]
    public void Setup()
    {
        _json = LargeResult();
        if (_json.Length is < 18_000 or > 24_000)
        {
            throw new InvalidOperationException($"The result is {_json.Length} bytes, not about 20 KB.");
        }

        if (Sdk().ToJson() != Reflection().ToJson() || Traversal() != Checksum(Sdk()))
        {
            throw new InvalidOperationException("The variants do not read the same values.");
        }
    }

    [Benchmark(Baseline = true, Description = "SDK: source-generated, typed")]
    public VerificationResult Sdk() => VerificationResult.Read(_json)!;

    [Benchmark(Description = "Reflection JsonSerializer, same types")]
    public VerificationResult Reflection() => JsonSerializer.Deserialize<VerificationResult>(_json, ReflectionOptions)!;

    [Benchmark(Description = "JsonDocument traversal of the same fields")]
    public int Traversal()
    {
        using var document = JsonDocument.Parse(_json);
        var root = document.RootElement;
        var sum = Hash(root.GetProperty("result").GetString()) + (int)(root.GetProperty("similarity").GetDouble() * 1000) + (root.GetProperty("live").GetBoolean() ? 1 : 0);
        sum += Hash(root.GetProperty("document_type").GetString()) + Hash(root.GetProperty("reject_reason").GetProperty("value").GetString());
        foreach (var field in root.GetProperty("person").EnumerateObject())
        {
            sum += field.Value.ValueKind == JsonValueKind.String ? Hash(field.Value.GetString()) : field.Value.GetInt32();
        }

        foreach (var document2 in root.GetProperty("generalDocuments").EnumerateArray())
        {
            sum += Hash(document2.GetProperty("documentType").GetString());
            foreach (var page in document2.GetProperty("pages").EnumerateArray())
            {
                sum += page.GetProperty("pageNumber").GetInt32();
                foreach (var field in page.GetProperty("final").EnumerateObject())
                {
                    sum += field.Value.ValueKind == JsonValueKind.String ? Hash(field.Value.GetString()) : (int)(field.Value.GetDouble() * 1000);
                }
            }
        }

        foreach (var field in root.GetProperty("id_card_front").EnumerateObject())
        {
            sum += Hash(field.Value.GetString());
        }

        foreach (var match in root.GetProperty("screeningMatches").EnumerateArray())
        {
            sum += (int)(match.GetProperty("score").GetDouble() * 1000) + Hash(match.GetProperty("personId").GetString());
        }

        foreach (var answer in root.GetProperty("questionnaires")[0].GetProperty("questions").EnumerateArray())
        {
            var value = answer.GetProperty("answer");
            sum += Hash(answer.GetProperty("key").GetString()) + (value.ValueKind == JsonValueKind.String ? Hash(value.GetString()) : value.GetArrayLength());
        }

        return sum;
    }

    /// <summary>The traversal's sum over the typed result, to prove both read the same values.</summary>
    private static int Checksum(VerificationResult r)
    {
        unchecked
        {
        var sum = Hash(r.Status!.Value.Value) + (int)(r.Similarity!.Value * 1000) + (r.IsLive == true ? 1 : 0) + Hash(r.DocumentType!.Value.Value) + Hash(r.RejectReason!.Value);
        var p = r.Person!;
        foreach (var text in new[] { p.FirstName, p.LastName, p.LocalFirstName, p.LocalLastName, p.LocalMiddleName, p.Birthday, p.BirthdayTime, p.BirthPlace, p.Citizenship, p.Nationality, p.IssuingState, p.DocumentNumber, p.PersonalNumber, p.DocumentIssued, p.DocumentExpires, p.DocumentExpiresTime, p.Authority, p.LocalAuthority, p.Sex, p.Address, p.Email, p.Phone, p.Mrz, p.Status })
        {
            sum += Hash(text);
        }

        sum += p.Age!.Value;
        foreach (var document in r.GeneralDocuments!)
        {
            sum += Hash(document.DocumentType);
            foreach (var page in document.Pages!)
            {
                var f = page.Final!;
                sum += page.PageNumber!.Value + (int)(f.Latitude!.Value * 1000) + (int)(f.Longitude!.Value * 1000);
                foreach (var text in new[] { f.FullName, f.FirstName, f.LastName, f.Address, f.FormattedAddress, f.Street, f.StreetNumber, f.City, f.State, f.Country, f.CountryCode, f.PostalCode, f.DocumentIssued, f.DocumentIssuedTime, f.DocumentExpires, f.IssuingAuthority, f.Authority, f.RegistrationNumber })
                {
                    sum += Hash(text);
                }

                sum += f.AdditionalProperties.Values.Aggregate(0, (acc, v) => acc + Hash(v.GetString()));
            }
        }

        sum += r.IdCardFront!.Values.Aggregate(0, (acc, v) => acc + Hash(v.GetString()));
        sum += r.ScreeningMatches!.Aggregate(0, (acc, m) => acc + (int)(m.Score!.Value * 1000) + Hash(m.PersonId));
        sum += r.Questionnaires![0].Questions!.Aggregate(0, (acc, q) => acc + Hash(q.Key) + (q.Text is { } t ? Hash(t) : q.Values!.Count));
        return sum;
        }
    }

    private static int Hash(string? text)
    {
        var h = 0;
        foreach (var c in text ?? string.Empty)
        {
            h = unchecked((h * 31) + c);
        }

        return h;
    }
}
