"""Extension instances only; create_app() binds them to the app."""

from authlib.integrations.flask_client import OAuth
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from board.db import Base
from board.web.ip import client_ip

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=client_ip)
oauth = OAuth()
