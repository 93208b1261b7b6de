using System.Globalization;

namespace Depth;

/// <summary>Readable byte sizes.</summary>
public static class Memory
{
    /// <summary>
    /// Formats a byte count with binary units (1 KiB = 1024 B), three significant digits:
    /// e.g. 102,228,128 B → "97.5 MiB", 60,423,544,832 B → "56.3 GiB".
    /// </summary>
    public static string Format(long bytes)
    {
        if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "A size cannot be negative.");
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        string number = unit == 0 ? bytes.ToString(CultureInfo.InvariantCulture)
            : value.ToString(value >= 100 ? "F0" : value >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture);
        return $"{number} {units[unit]}";
    }
}
