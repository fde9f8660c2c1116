using System.Text.Json;

namespace Identomat.Sdk.Serialization;

/// <summary>Collects every problem met while reading a flow, each with its JSON path, instead of stopping at the first.</summary>
internal sealed class ReadContext
{
    public List<ValidationError> Errors { get; } = new();

    public static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Item(string path, int index) => path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    public void Error(string path, string message) => Errors.Add(new ValidationError(path.Length == 0 ? "$" : path, message));

    public void Expected(string path, string what, JsonElement found) =>
        Error(path, $"expected {what}, found {Describe(found.ValueKind)}");

    public bool IsObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Expected(path, "an object", element);
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
