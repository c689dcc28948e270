/* For the Windows smoke test under Wine only – never shipped.
 *
 * Rust's standard library gets random bytes from ProcessPrng in
 * bcryptprimitives.dll, which Debian's Wine 8 does not have. This stand-in,
 * placed beside the .exe, gives them from RtlGenRandom (SystemFunction036
 * in advapi32), which Wine has. */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
