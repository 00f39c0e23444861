; Studio Partner's Windows installer. scripts/package.sh builds it with
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DSTAGE=<folder> -DOUTFILE=<exe> installer.nsi
; where STAGE holds studiopartner.exe, studiopartner-cli.exe, README.txt,
; app.ico and strings.nsh (the texts, from translations/).
;
; It installs for the user who runs it, without administrator rights, into
; %LOCALAPPDATA%\Programs\StudioPartner. The studio's data lives apart from
; the program, in %APPDATA%\StudioPartner: installing again, updating and
; uninstalling never touch it.

; the program is 64-bit only, and so is its installer (Wine without 32-bit
; support runs it too)
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define APP "Studio Partner"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\StudioPartner"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\StudioPartner"
InstallDirRegKey HKCU "Software\StudioPartner" "InstallDir"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} Setup"
VIAddVersionKey /LANG=0 "CompanyName" "${APP}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${APP}"

!include "MUI2.nsh"
!define MUI_ICON "${STAGE}\app.ico"
!define MUI_UNICON "${STAGE}\app.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(keepsdata)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\studiopartner.exe"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(uninstallkeepsdata)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; the first language is the one used where Windows speaks neither
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"
!include "${STAGE}\strings.nsh"

Section "$(program)" SecProgram
  SectionIn RO
  ClearErrors
  CreateDirectory "$INSTDIR"
  FileOpen $0 "$INSTDIR\.studiopartner-write-check" w
  IfErrors 0 writable
    MessageBox MB_ICONSTOP "$(notwritable)" /SD IDOK
    SetErrorLevel 3
    Quit
  writable:
  FileClose $0
  Delete "$INSTDIR\.studiopartner-write-check"

  ; an open program cannot be replaced: ask to close it first
  retry:
  ClearErrors
  IfFileExists "$INSTDIR\studiopartner.exe" 0 free
    FileOpen $0 "$INSTDIR\studiopartner.exe" a
    IfErrors 0 +3
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(running)" /SD IDCANCEL IDRETRY retry
      Abort
    FileClose $0
  free:

  SetOutPath "$INSTDIR"
  File "${STAGE}\studiopartner.exe"
  File "${STAGE}\studiopartner-cli.exe"
  File "${STAGE}\README.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\studiopartner.exe" "" "$INSTDIR\studiopartner.exe" 0

  WriteRegStr HKCU "Software\StudioPartner" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\studiopartner.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  DetailPrint "$(keepsdata)"
SectionEnd

Section /o "$(desktopshortcut)" SecDesktop
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\studiopartner.exe" "" "$INSTDIR\studiopartner.exe" 0
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\studiopartner.exe"
  Delete "$INSTDIR\studiopartner-cli.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"
  Delete "$DESKTOP\${APP}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\StudioPartner"
  DetailPrint "$(uninstallkeepsdata)"
SectionEnd
