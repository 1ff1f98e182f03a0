from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from sanshen.api import api
from sanshen.org import views as org_views
from sanshen.web import views as web_views
from sanshen.website.identity import SiteIdentityEdit

urlpatterns = [
    path("", web_views.dashboard, name="dashboard"),
    path("site-identity/", SiteIdentityEdit.as_view(), name="site_identity"),
    path("favicon.ico", RedirectView.as_view(url=static("sanshen/favicon.svg"), permanent=True)),
    path("login/", org_views.LoginView.as_view(), name="login"),
    path("logout/", org_views.auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", org_views.password_change, name="password_change"),
    path("account/otp/setup/", org_views.otp_setup, name="otp_setup"),
    path("account/otp/verify/", org_views.otp_verify, name="otp_verify"),
    path("org/", include("sanshen.org.urls")),
    path("org/", include("sanshen.accountability.urls")),
    path("items/", include("sanshen.content.urls")),
    path("", include("sanshen.review.urls")),
    path("publishing/", include("sanshen.publishing.urls")),
    path("channels/", include("sanshen.channels.urls")),
    path("deliveries/", include("sanshen.deliveries.urls")),
    path("lexicons/", include("sanshen.lexicons.urls")),
    path("interaction/", include("sanshen.interaction.urls")),
    path("site/messages/", include("sanshen.interaction.public_urls")),
    path("site/", include("sanshen.website.urls")),
    path("events/", include("sanshen.events.urls")),
    path("oversight/", include("sanshen.oversight.urls")),
    path("oversight/", include("sanshen.statistics.urls")),
    path("oversight/", include("sanshen.inspection.urls")),
    path("oversight/", include("sanshen.backup.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler400 = "sanshen.web.views.bad_request"
handler403 = "sanshen.web.views.permission_denied"
handler404 = "sanshen.web.views.page_not_found"
handler500 = "sanshen.web.views.server_error"
