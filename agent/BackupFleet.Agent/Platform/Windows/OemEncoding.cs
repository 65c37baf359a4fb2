using System.Globalization;
using System.Text;

namespace BackupFleet.Agent.Platform.Windows;

/// <summary>
/// Console tools such as wbadmin write to a pipe in the OEM code page (437, 850…), not UTF-8. Unverified for wbadmin
/// itself; it only matters for non-ASCII text (localised messages, paths), never for the codes the parser trusts.
/// </summary>
public static class OemEncoding
{
    public static Encoding Current()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // code pages other than UTF-* live in this provider
        return Encoding.GetEncoding(CultureInfo.CurrentCulture.TextInfo.OEMCodePage);
    }
}
