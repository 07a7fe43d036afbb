# Ce que l'extension dit dans les pages de ProvenBase (voir en/content.ftl).

-brand = ProvenBase vers Lever

## Les pages de ProvenBase, comme son menu les nomme

page-projects = Projects
page-sourcing-lab = Sourcing Lab
page-candidate-lake = Candidate Lake
page-profile-settings = Profile & Password

## La barre

bar-label = { -brand }
bar-summary-no-list = Aucun candidat sur cette page
bar-summary-looking = Recherche des candidats…
bar-summary-none = Aucun candidat trouvé sur { $page }
bar-summary = { $count ->
    [one] { $count } candidat sur { $page }
   *[other] { $count } candidats sur { $page }
  }
bar-summary-locked = { $count ->
    [one] { $count } candidat sur { $page }
   *[other] { $count } candidats sur { $page }
  } ({ $locked } { $locked ->
    [one] verrouillé
   *[other] verrouillés
  })
bar-matches = { $exact } dans Lever, { $possible } { $possible ->
    [one] possible
   *[other] possibles
  }
bar-export-selected = Exporter la sélection ({ $count })
bar-tasks = Tâches d'export
bar-tasks-button = ☰ Tâches
bar-show = Afficher { -brand }
bar-hide = Masquer
bar-move-left = Déplacer dans le coin gauche
bar-move-right = Déplacer dans le coin droit

## Les messages de la barre

export-choose = Choisissez au moins un candidat à exporter.
export-all-locked = { $count ->
    [0] Choisissez au moins un candidat à exporter.
    [1] { $name } est verrouillé·e : déverrouillez ce profil dans ProvenBase pour l'exporter.
    [2] Les deux candidats choisis sont verrouillés : déverrouillez-les dans ProvenBase pour les exporter.
   *[other] Les { $count } candidats choisis sont verrouillés : déverrouillez-les dans ProvenBase pour les exporter.
  }
export-in-progress = Export en cours : { $task }. Suivez-le dans Tâches.

## Les titres des cadres de l'extension

frame-export = Exporter vers Lever
frame-popover = Exports récents
frame-autosync = Synchronisation automatique Lever
frame-row = Intégration Lever

## Les pastilles et le bouton d'une carte

card-export = Exporter vers Lever
card-locked = Verrouillé · déverrouillez pour exporter
card-locked-title = Les candidats verrouillés n'ont pas de coordonnées ; déverrouillez-les dans ProvenBase pour les exporter.

## Badges

badge-off = Vérification Lever désactivée
badge-off-title = La synchronisation automatique des profils est désactivée : l'extension ne peut pas savoir qui est déjà dans Lever. Un Super Admin peut l'activer dans les options de l'extension.
badge-in-lever = Dans Lever · { $stage }
badge-stage-unknown = étape inconnue
badge-archived = Archivé · { $stage }
badge-exporting = Export vers Lever en cours
badge-exporting-title = En cours d'export dans la tâche « { $task } » par { $by } (même { $on }).
badge-possible = Correspondance possible · { $name }
badge-possible-title = Même { $on } que { $name } : vérifiez avant d'exporter. { $details }
badge-details = { $name } dans Lever, retrouvé par { $on } ; mis à jour le { $updated }
badge-details-owner = { $name } dans Lever, retrouvé par { $on }, suivi par { $owner } ; mis à jour le { $updated }
badge-none = Pas dans Lever
badge-none-title = Aucun profil Lever ne correspond à ce candidat.
badge-locked = Vérification impossible : verrouillé
badge-locked-title = Les candidats verrouillés n'ont pas de coordonnées à rechercher dans Lever ; déverrouillez-les dans ProvenBase.
badge-no-contacts = Vérification impossible : ni e-mail, ni téléphone, ni LinkedIn
badge-no-contacts-title = Cette carte ne montre ni e-mail, ni téléphone, ni profil LinkedIn : rien à rechercher dans Lever.

## Ce sur quoi une correspondance a été trouvée

match-email = e-mail
match-linkedin = profil LinkedIn
match-phone = téléphone
match-name-company = nom et entreprise
